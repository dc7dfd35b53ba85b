import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Transpose',
  category: 'shape',
  versions: [
    { since: 1, inputs: 'data:T', outputs: 'transposed:T', attrs: { perm: 'ints' }, types: { T: '$all_v1' } },
    { since: 13, inputs: 'data:T', outputs: 'transposed:T', attrs: { perm: 'ints' }, types: { T: '$all_v13' } },
    { since: 21, inputs: 'data:T', outputs: 'transposed:T', attrs: { perm: 'ints' }, types: { T: '$all_v21' } },
    { since: 23, inputs: 'data:T', outputs: 'transposed:T', attrs: { perm: 'ints' }, types: { T: '$all_v23' } },
    { since: 24, inputs: 'data:T', outputs: 'transposed:T', attrs: { perm: 'ints' }, types: { T: '$all_v24' } },
    { since: 25, inputs: 'data:T', outputs: 'transposed:T', attrs: { perm: 'ints' }, types: { T: '$all_v25' } },
  ],
});
