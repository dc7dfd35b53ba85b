import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Trilu',
  category: 'tensor',
  versions: [
    { since: 14, inputs: 'input:T, k?:tensor(int64)', outputs: 'output:T', attrs: { upper: 'int=1' }, types: { T: '$all_v13' } },
  ],
});
