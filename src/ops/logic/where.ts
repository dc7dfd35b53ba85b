import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Where',
  category: 'logic',
  versions: [
    { since: 9, inputs: 'condition:B, X:T, Y:T', outputs: 'output:T', types: { B: 'bool', T: '$all_v1' } },
    { since: 16, inputs: 'condition:B, X:T, Y:T', outputs: 'output:T', types: { B: 'bool', T: '$all_v13' } },
  ],
});
