import { defineOp } from '../define.js';

export default defineOp({
  opType: 'SequenceConstruct',
  category: 'sequence',
  versions: [
    { since: 11, inputs: 'inputs...:T', outputs: 'output_sequence:S', types: { T: '$all_v1', S: 'seq($all_v1)' } },
  ],
});
