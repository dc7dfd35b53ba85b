import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Exp',
  category: 'math',
  versions: [
    { since: 1, inputs: 'input:T', outputs: 'output:T', attrs: { consumed_inputs: 'ints' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'input:T', outputs: 'output:T', types: { T: 'float16 float double' } },
    { since: 13, inputs: 'input:T', outputs: 'output:T', types: { T: 'bfloat16 float16 float double' } },
  ],
});
