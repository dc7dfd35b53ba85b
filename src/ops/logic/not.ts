import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Not',
  category: 'logic',
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', types: { T: 'bool' } },
  ],
});
