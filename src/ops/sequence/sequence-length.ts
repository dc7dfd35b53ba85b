import { defineOp } from '../define.js';

export default defineOp({
  opType: 'SequenceLength',
  category: 'sequence',
  versions: [
    { since: 11, inputs: 'input_sequence:S', outputs: 'length:I', types: { S: 'seq($all_v1)', I: 'int64' } },
  ],
});
