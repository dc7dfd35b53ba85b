import { defineOp } from '../define.js';

export default defineOp({
  opType: 'QLinearMatMul',
  category: 'quantization',
  versions: [
    { since: 10, inputs: 'a:T1, a_scale:tensor(float), a_zero_point:T1, b:T2, b_scale:tensor(float), b_zero_point:T2, y_scale:tensor(float), y_zero_point:T3', outputs: 'y:T3', types: { T1: 'int8 uint8', T2: 'int8 uint8', T3: 'int8 uint8' } },
    { since: 21, inputs: 'a:T1, a_scale:TS, a_zero_point:T1, b:T2, b_scale:TS, b_zero_point:T2, y_scale:TS, y_zero_point:T3', outputs: 'y:T3', types: { TS: 'float float16 bfloat16', T1: 'int8 uint8 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz', T2: 'int8 uint8 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz', T3: 'int8 uint8 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz' } },
  ],
});
