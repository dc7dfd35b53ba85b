import { defineOp } from '../define.js';

export default defineOp({
  opType: 'DynamicQuantizeLinear',
  category: 'quantization',
  versions: [
    { since: 11, inputs: 'x:T1', outputs: 'y:T2, y_scale:tensor(float), y_zero_point:T2', types: { T1: 'float', T2: 'uint8' } },
  ],
});
