import { defineOp } from '../define.js';

export default defineOp({
  opType: 'ScatterND',
  category: 'tensor',
  versions: [
    { since: 11, inputs: 'data:T, indices:tensor(int64), updates:T', outputs: 'output:T', types: { T: '$all_v1' } },
    { since: 13, inputs: 'data:T, indices:tensor(int64), updates:T', outputs: 'output:T', types: { T: '$all_v13' } },
    { since: 16, inputs: 'data:T, indices:tensor(int64), updates:T', outputs: 'output:T', attrs: { reduction: 'string=none' }, types: { T: '$all_v13' } },
    { since: 18, inputs: 'data:T, indices:tensor(int64), updates:T', outputs: 'output:T', attrs: { reduction: 'string=none' }, types: { T: '$all_v13' } },
  ],
});
