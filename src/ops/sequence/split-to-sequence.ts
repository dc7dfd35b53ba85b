import { defineOp } from '../define.js';

export default defineOp({
  opType: 'SplitToSequence',
  category: 'sequence',
  versions: [
    { since: 11, inputs: 'input:T, split?:I', outputs: 'output_sequence:S', attrs: { axis: 'int=0', keepdims: 'int=1' }, types: { T: '$all_v1', I: 'int32 int64', S: 'seq($all_v1)' } },
    { since: 24, inputs: 'input:T, split?:I', outputs: 'output_sequence:S', attrs: { axis: 'int=0', keepdims: 'int=1' }, types: { T: '$all_v13', I: 'int32 int64', S: 'seq($all_v13)' } },
  ],
});
