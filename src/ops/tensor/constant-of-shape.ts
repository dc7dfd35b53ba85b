import { defineOp } from '../define.js';

export default defineOp({
  opType: 'ConstantOfShape',
  category: 'tensor',
  versions: [
    { since: 9, inputs: 'input:T1', outputs: 'output:T2', attrs: { value: 'tensor' }, types: { T1: 'int64', T2: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 bool' } },
    { since: 20, inputs: 'input:T1', outputs: 'output:T2', attrs: { value: 'tensor' }, types: { T1: 'int64', T2: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 bool bfloat16 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz' } },
    { since: 21, inputs: 'input:T1', outputs: 'output:T2', attrs: { value: 'tensor' }, types: { T1: 'int64', T2: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 uint4 int4 bool bfloat16 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz' } },
    { since: 23, inputs: 'input:T1', outputs: 'output:T2', attrs: { value: 'tensor' }, types: { T1: 'int64', T2: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 uint4 int4 bool bfloat16 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz float4e2m1' } },
    { since: 24, inputs: 'input:T1', outputs: 'output:T2', attrs: { value: 'tensor' }, types: { T1: 'int64', T2: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 uint4 int4 bool bfloat16 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz float4e2m1 float8e8m0' } },
    { since: 25, inputs: 'input:T1', outputs: 'output:T2', attrs: { value: 'tensor' }, types: { T1: 'int64', T2: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 uint4 int4 bool bfloat16 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz float4e2m1 float8e8m0 uint2 int2' } },
  ],
});
