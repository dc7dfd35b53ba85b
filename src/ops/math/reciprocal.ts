import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Reciprocal',
  category: 'math',
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { consumed_inputs: 'ints' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'X:T', outputs: 'Y:T', types: { T: 'float16 float double' } },
    { since: 13, inputs: 'X:T', outputs: 'Y:T', types: { T: 'float16 float double bfloat16' } },
  ],
});
