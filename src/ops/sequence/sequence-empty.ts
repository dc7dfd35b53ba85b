import { defineOp } from '../define.js';

export default defineOp({
  opType: 'SequenceEmpty',
  category: 'sequence',
  versions: [
    { since: 11, inputs: '', outputs: 'output:S', attrs: { dtype: 'int' }, types: { S: 'seq($all_v1)' } },
  ],
});
