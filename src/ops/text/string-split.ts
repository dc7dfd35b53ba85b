import { defineOp } from '../define.js';

export default defineOp({
  opType: 'StringSplit',
  category: 'text',
  versions: [
    { since: 20, inputs: 'X:T1', outputs: 'Y:T2, Z:T3', attrs: { delimiter: 'string', maxsplit: 'int' }, types: { T1: 'string', T2: 'string', T3: 'int64' } },
  ],
});
