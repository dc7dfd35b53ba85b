import { defineOp } from '../define.js';

export default defineOp({
  opType: 'SequenceErase',
  category: 'sequence',
  versions: [
    { since: 11, inputs: 'input_sequence:S, position?:I', outputs: 'output_sequence:S', types: { S: 'seq($all_v1)', I: 'int32 int64' } },
  ],
});
