import { defineOp } from '../define.js';

export default defineOp({
  opType: 'MeanVarianceNormalization',
  category: 'normalization',
  versions: [
    { since: 9, inputs: 'X:T', outputs: 'Y:T', attrs: { axes: 'ints=[0, 2, 3]' }, types: { T: 'float16 float double' } },
    { since: 13, inputs: 'X:T', outputs: 'Y:T', attrs: { axes: 'ints=[0, 2, 3]' }, types: { T: 'float16 float double bfloat16' } },
  ],
});
