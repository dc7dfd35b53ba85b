import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Erf',
  category: 'math',
  versions: [
    { since: 9, inputs: 'input:T', outputs: 'output:T', types: { T: '$numeric' } },
    { since: 13, inputs: 'input:T', outputs: 'output:T', types: { T: 'bfloat16 float16 float double' } },
  ],
});
