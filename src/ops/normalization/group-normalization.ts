import { defineOp } from '../define.js';

export default defineOp({
  opType: 'GroupNormalization',
  category: 'normalization',
  versions: [
    { since: 18, deprecated: true, inputs: '', outputs: '' },
    { since: 21, inputs: 'X:T, scale:T, bias:T', outputs: 'Y:T', attrs: { epsilon: 'float=1e-05', num_groups: 'int!', stash_type: 'int=1' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
