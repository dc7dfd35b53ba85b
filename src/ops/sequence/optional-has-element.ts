import { defineOp } from '../define.js';

export default defineOp({
  opType: 'OptionalHasElement',
  category: 'sequence',
  versions: [
    { since: 15, inputs: 'input:O', outputs: 'output:B', types: { O: 'optional($all_v1) optional(seq($all_v1))', B: 'bool' } },
    { since: 18, inputs: 'input?:O', outputs: 'output:B', types: { O: '$all_v1 seq($all_v1) optional($all_v1) optional(seq($all_v1))', B: 'bool' } },
  ],
});
