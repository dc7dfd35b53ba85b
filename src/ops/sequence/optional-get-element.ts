import { defineOp } from '../define.js';

export default defineOp({
  opType: 'OptionalGetElement',
  category: 'sequence',
  versions: [
    { since: 15, inputs: 'input:O', outputs: 'output:V', types: { O: 'optional($all_v1) optional(seq($all_v1))', V: '$all_v1 seq($all_v1)' } },
    { since: 18, inputs: 'input:O', outputs: 'output:V', types: { O: '$all_v1 seq($all_v1) optional($all_v1) optional(seq($all_v1))', V: '$all_v1 seq($all_v1)' } },
  ],
});
