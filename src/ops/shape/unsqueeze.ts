import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Unsqueeze',
  category: 'shape',
  versions: [
    { since: 1, inputs: 'data:T', outputs: 'expanded:T', attrs: { axes: 'ints!' }, types: { T: '$all_v1' } },
    { since: 11, inputs: 'data:T', outputs: 'expanded:T', attrs: { axes: 'ints!' }, types: { T: '$all_v1' } },
    { since: 13, inputs: 'data:T, axes:tensor(int64)', outputs: 'expanded:T', types: { T: '$all_v13' } },
    { since: 21, inputs: 'data:T, axes:tensor(int64)', outputs: 'expanded:T', types: { T: '$all_v21' } },
    { since: 23, inputs: 'data:T, axes:tensor(int64)', outputs: 'expanded:T', types: { T: '$all_v23' } },
    { since: 24, inputs: 'data:T, axes:tensor(int64)', outputs: 'expanded:T', types: { T: '$all_v24' } },
    { since: 25, inputs: 'data:T, axes:tensor(int64)', outputs: 'expanded:T', types: { T: '$all_v25' } },
  ],
});
