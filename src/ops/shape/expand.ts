import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Expand',
  category: 'shape',
  versions: [
    { since: 8, inputs: 'input:T, shape:tensor(int64)', outputs: 'output:T', types: { T: '$all_v1' } },
    { since: 13, inputs: 'input:T, shape:tensor(int64)', outputs: 'output:T', types: { T: '$all_v13' } },
  ],
});
