import { defineOp } from '../define.js';

export default defineOp({
  opType: 'SequenceMap',
  category: 'sequence',
  versions: [
    { since: 17, inputs: 'input_sequence:S, additional_inputs...h0:V', outputs: 'out_sequence...h:S', attrs: { body: 'graph!' }, types: { S: 'seq($all_v1)', V: '$all_v1 seq($all_v1)' } },
  ],
});
