import { defineOp } from '../define.js';

export default defineOp({
  opType: 'DequantizeLinear',
  category: 'quantization',
  versions: [
    { since: 10, inputs: 'x:T, x_scale:tensor(float), x_zero_point?:T', outputs: 'y:tensor(float)', types: { T: 'int8 uint8 int32' } },
    { since: 13, inputs: 'x:T, x_scale:tensor(float), x_zero_point?:T', outputs: 'y:tensor(float)', attrs: { axis: 'int=1' }, types: { T: 'int8 uint8 int32' } },
    { since: 19, inputs: 'x:T1, x_scale:T2, x_zero_point?:T1', outputs: 'y:T2', attrs: { axis: 'int=1' }, types: { T1: 'int8 uint8 int32 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz', T2: 'float float16 bfloat16' } },
    { since: 21, inputs: 'x:T1, x_scale:T2, x_zero_point?:T1', outputs: 'y:T2', attrs: { axis: 'int=1', block_size: 'int=0' }, types: { T1: 'int8 uint8 int16 uint16 int32 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz uint4 int4', T2: 'float float16 bfloat16' } },
    { since: 23, inputs: 'x:T1, x_scale:T2, x_zero_point?:T1', outputs: 'y:T3', attrs: { axis: 'int=1', block_size: 'int=0', output_dtype: 'int=0' }, types: { T1: 'int8 uint8 int16 uint16 int32 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz uint4 int4 float4e2m1', T2: 'float float16 bfloat16', T3: 'float float16 bfloat16' } },
    { since: 24, inputs: 'x:T1, x_scale:T2, x_zero_point?:T1', outputs: 'y:T3', attrs: { axis: 'int=1', block_size: 'int=0', output_dtype: 'int=0' }, types: { T1: 'int8 uint8 int16 uint16 int32 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz uint4 int4 float4e2m1', T2: 'float float16 bfloat16 float8e8m0', T3: 'float float16 bfloat16' } },
    { since: 25, inputs: 'x:T1, x_scale:T2, x_zero_point?:T1', outputs: 'y:T3', attrs: { axis: 'int=1', block_size: 'int=0', output_dtype: 'int=0' }, types: { T1: 'int8 uint8 int16 uint16 int32 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz uint4 int4 float4e2m1 uint2 int2', T2: 'float float16 bfloat16 float8e8m0', T3: 'float float16 bfloat16' } },
  ],
});
