import { defineOp } from '../define.js';

export default defineOp({
  opType: 'BitCast',
  category: 'tensor',
  versions: [
    { since: 26, inputs: 'input:T1', outputs: 'output:T2', attrs: { to: 'int!' }, types: { T1: 'uint8 uint16 uint32 uint64 int8 int16 int32 int64 bfloat16 float16 float double bool complex64 complex128 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz uint4 int4 float4e2m1 float8e8m0 uint2 int2', T2: 'uint8 uint16 uint32 uint64 int8 int16 int32 int64 bfloat16 float16 float double bool complex64 complex128 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz uint4 int4 float4e2m1 float8e8m0 uint2 int2' } },
  ],
});
