import { defineOp } from '../define.js';

export default defineOp({
  opType: 'StringConcat',
  category: 'text',
  versions: [
    { since: 20, inputs: 'X:T, Y:T', outputs: 'Z:T', types: { T: 'string' } },
  ],
});
