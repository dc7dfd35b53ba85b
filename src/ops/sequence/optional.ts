import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Optional',
  category: 'sequence',
  versions: [
    { since: 15, inputs: 'input?:V', outputs: 'output:O', attrs: { type: 'type_proto' }, types: { V: '$all_v1 seq($all_v1)', O: 'optional($all_v1) optional(seq($all_v1))' } },
  ],
});
