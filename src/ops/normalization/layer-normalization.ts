import { defineOp } from '../define.js';

export default defineOp({
  opType: 'LayerNormalization',
  category: 'normalization',
  versions: [
    { since: 17, inputs: 'X:T, Scale:T, B?:T', outputs: 'Y:T, Mean?:U, InvStdDev?:U', attrs: { axis: 'int=-1', epsilon: 'float=1e-05', stash_type: 'int=1' }, types: { T: 'float16 float double bfloat16', U: 'float bfloat16' } },
  ],
});
