import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Identity',
  category: 'shape',
  versions: [
    { since: 1, inputs: 'input:T', outputs: 'output:T', types: { T: '$all_v1' } },
    { since: 13, inputs: 'input:T', outputs: 'output:T', types: { T: '$all_v13' } },
    { since: 14, inputs: 'input:V', outputs: 'output:V', types: { V: '$all_v13 seq($all_v1)' } },
    { since: 16, inputs: 'input:V', outputs: 'output:V', types: { V: '$all_v13 seq($all_v1) optional($all_v1) optional(seq($all_v1))' } },
    { since: 19, inputs: 'input:V', outputs: 'output:V', types: { V: '$all_v19 seq($all_v1) optional($all_v1) optional(seq($all_v1))' } },
    { since: 21, inputs: 'input:V', outputs: 'output:V', types: { V: '$all_v21 seq($all_v1) optional($all_v1) optional(seq($all_v1))' } },
    { since: 23, inputs: 'input:V', outputs: 'output:V', types: { V: '$all_v23 seq($all_v1) optional($all_v1) optional(seq($all_v1))' } },
    { since: 24, inputs: 'input:V', outputs: 'output:V', types: { V: '$all_v24 seq($all_v1) optional($all_v1) optional(seq($all_v1))' } },
    { since: 25, inputs: 'input:V', outputs: 'output:V', types: { V: '$all_v25 seq($all_v1) optional($all_v1) optional(seq($all_v1))' } },
  ],
});
