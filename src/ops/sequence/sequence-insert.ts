import { defineOp } from '../define.js';

export default defineOp({
  opType: 'SequenceInsert',
  category: 'sequence',
  versions: [
    { since: 11, inputs: 'input_sequence:S, tensor:T, position?:I', outputs: 'output_sequence:S', types: { T: '$all_v1', S: 'seq($all_v1)', I: 'int32 int64' } },
  ],
});
