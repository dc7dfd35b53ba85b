import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Col2Im',
  category: 'nn',
  versions: [
    { since: 18, inputs: 'input:T, image_shape:tensor(int64), block_shape:tensor(int64)', outputs: 'output:T', attrs: { dilations: 'ints', pads: 'ints', strides: 'ints' }, types: { T: '$all_v13' } },
  ],
});
