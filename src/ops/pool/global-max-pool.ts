import { defineOp } from '../define.js';

export default defineOp({
  opType: 'GlobalMaxPool',
  category: 'pool',
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', types: { T: 'float16 float double' } },
    { since: 22, inputs: 'X:T', outputs: 'Y:T', types: { T: 'bfloat16 float16 float double' } },
  ],
});
