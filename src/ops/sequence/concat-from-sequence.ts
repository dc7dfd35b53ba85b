import { defineOp } from '../define.js';

export default defineOp({
  opType: 'ConcatFromSequence',
  category: 'sequence',
  versions: [
    { since: 11, inputs: 'input_sequence:S', outputs: 'concat_result:T', attrs: { axis: 'int!', new_axis: 'int=0' }, types: { S: 'seq($all_v1)', T: '$all_v1' } },
  ],
});
