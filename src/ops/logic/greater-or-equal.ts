import { defineOp } from '../define.js';

export default defineOp({
  opType: 'GreaterOrEqual',
  category: 'logic',
  versions: [
    { since: 12, inputs: 'A:T, B:T', outputs: 'C:T1', types: { T: '$numeric', T1: 'bool' } },
    { since: 16, inputs: 'A:T, B:T', outputs: 'C:T1', types: { T: '$numeric_v13', T1: 'bool' } },
  ],
});
