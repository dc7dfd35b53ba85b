import { defineOp } from '../define.js';

export default defineOp({
  opType: 'NonZero',
  category: 'tensor',
  versions: [
    { since: 9, inputs: 'X:T', outputs: 'Y:tensor(int64)', types: { T: '$all_v1' } },
    { since: 13, inputs: 'X:T', outputs: 'Y:tensor(int64)', types: { T: '$all_v13' } },
  ],
});
