import { defineOp } from '../define.js';

export default defineOp({
  opType: 'ReverseSequence',
  category: 'tensor',
  versions: [
    { since: 10, inputs: 'input:T, sequence_lens:tensor(int64)', outputs: 'Y:T', attrs: { batch_axis: 'int=1', time_axis: 'int=0' }, types: { T: '$all_v1' } },
  ],
});
