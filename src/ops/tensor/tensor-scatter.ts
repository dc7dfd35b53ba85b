import { defineOp } from '../define.js';

export default defineOp({
  opType: 'TensorScatter',
  category: 'tensor',
  versions: [
    { since: 24, inputs: 'past_cache:T, update:T, write_indices?:tensor(int64)', outputs: 'present_cache:T', attrs: { axis: 'int=-2', mode: 'string=linear' }, types: { T: '$all_v24' } },
  ],
});
