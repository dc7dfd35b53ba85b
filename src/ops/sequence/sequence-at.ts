import { defineOp } from '../define.js';

export default defineOp({
  opType: 'SequenceAt',
  category: 'sequence',
  versions: [
    { since: 11, inputs: 'input_sequence:S, position:I', outputs: 'tensor:T', types: { S: 'seq($all_v1)', T: '$all_v1', I: 'int32 int64' } },
  ],
});
