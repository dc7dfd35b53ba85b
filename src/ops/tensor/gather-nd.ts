import { defineOp } from '../define.js';

export default defineOp({
  opType: 'GatherND',
  category: 'tensor',
  versions: [
    { since: 11, inputs: 'data:T, indices:tensor(int64)', outputs: 'output:T', types: { T: '$all_v1' } },
    { since: 12, inputs: 'data:T, indices:tensor(int64)', outputs: 'output:T', attrs: { batch_dims: 'int=0' }, types: { T: '$all_v1' } },
    { since: 13, inputs: 'data:T, indices:tensor(int64)', outputs: 'output:T', attrs: { batch_dims: 'int=0' }, types: { T: '$all_v13' } },
  ],
});
