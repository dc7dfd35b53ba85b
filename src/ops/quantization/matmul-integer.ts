import { defineOp } from '../define.js';

export default defineOp({
  opType: 'MatMulInteger',
  category: 'quantization',
  versions: [
    { since: 10, inputs: 'A:T1, B:T2, a_zero_point?:T1, b_zero_point?:T2', outputs: 'Y:T3', types: { T1: 'int8 uint8', T2: 'int8 uint8', T3: 'int32' } },
  ],
});
