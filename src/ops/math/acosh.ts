import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Acosh',
  category: 'math',
  versions: [
    { since: 9, inputs: 'input:T', outputs: 'output:T', types: { T: 'float16 float double' } },
    { since: 22, inputs: 'input:T', outputs: 'output:T', types: { T: 'bfloat16 float16 float double' } },
  ],
});
