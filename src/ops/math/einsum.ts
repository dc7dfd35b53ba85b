import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Einsum',
  category: 'math',
  versions: [
    { since: 12, inputs: 'Inputs...:T', outputs: 'Output:T', attrs: { equation: 'string!' }, types: { T: '$numeric' } },
  ],
});
