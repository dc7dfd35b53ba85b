import { defineOp } from '../define.js';

export default defineOp({
  opType: 'RMSNormalization',
  category: 'normalization',
  versions: [
    { since: 23, inputs: 'X:T, scale:V', outputs: 'Y:V', attrs: { axis: 'int=-1', epsilon: 'float=1e-05', stash_type: 'int=1' }, types: { T: 'float16 float double bfloat16', V: 'float16 float double bfloat16' } },
  ],
});
