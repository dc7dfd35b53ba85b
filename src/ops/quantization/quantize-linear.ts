import { defineOp } from '../define.js';

export default defineOp({
  opType: 'QuantizeLinear',
  category: 'quantization',
  versions: [
    { since: 10, inputs: 'x:T1, y_scale:tensor(float), y_zero_point?:T2', outputs: 'y:T2', types: { T1: 'float int32', T2: 'int8 uint8' } },
    { since: 13, inputs: 'x:T1, y_scale:tensor(float), y_zero_point?:T2', outputs: 'y:T2', attrs: { axis: 'int=1' }, types: { T1: 'float int32', T2: 'int8 uint8' } },
    { since: 19, inputs: 'x:T1, y_scale:T1, y_zero_point?:T2', outputs: 'y:T2', attrs: { axis: 'int=1', saturate: 'int=1' }, types: { T1: 'float float16 bfloat16 int32', T2: 'int8 uint8 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz' } },
    { since: 21, inputs: 'x:T1, y_scale:T1, y_zero_point?:T2', outputs: 'y:T2', attrs: { axis: 'int=1', block_size: 'int=0', output_dtype: 'int=0', saturate: 'int=1' }, types: { T1: 'float float16 bfloat16 int32', T2: 'int8 uint8 int16 uint16 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz uint4 int4' } },
    { since: 23, inputs: 'x:T1, y_scale:T2, y_zero_point?:T3', outputs: 'y:T3', attrs: { axis: 'int=1', block_size: 'int=0', output_dtype: 'int=0', precision: 'int=0', saturate: 'int=1' }, types: { T1: 'float float16 bfloat16 int32', T2: 'float float16 bfloat16 int32', T3: 'int8 uint8 int16 uint16 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz uint4 int4 float4e2m1' } },
    { since: 24, inputs: 'x:T1, y_scale:T2, y_zero_point?:T3', outputs: 'y:T3', attrs: { axis: 'int=1', block_size: 'int=0', output_dtype: 'int=0', precision: 'int=0', saturate: 'int=1' }, types: { T1: 'float float16 bfloat16 int32', T2: 'float float16 bfloat16 int32 float8e8m0', T3: 'int8 uint8 int16 uint16 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz uint4 int4 float4e2m1' } },
    { since: 25, inputs: 'x:T1, y_scale:T2, y_zero_point?:T3', outputs: 'y:T3', attrs: { axis: 'int=1', block_size: 'int=0', output_dtype: 'int=0', precision: 'int=0', saturate: 'int=1' }, types: { T1: 'float float16 bfloat16 int32', T2: 'float float16 bfloat16 int32 float8e8m0', T3: 'int8 uint8 int16 uint16 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz uint4 int4 float4e2m1 uint2 int2' } },
  ],
});
