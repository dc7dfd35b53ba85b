import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Unique',
  category: 'tensor',
  versions: [
    { since: 11, inputs: 'X:T', outputs: 'Y:T, indices?:tensor(int64), inverse_indices?:tensor(int64), counts?:tensor(int64)', attrs: { axis: 'int', sorted: 'int=1' }, types: { T: '$all_v1' } },
  ],
});
