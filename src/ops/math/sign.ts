import { defineOp } from '../define.js';
import { sameAsInput, unaryKernel } from '../helpers/elementwise.js';
import { elementwiseFlops } from '../helpers/elementwise-math.js';

/** y = -1, 0 or 1 by the sign of x (NaN stays NaN). */
export default defineOp({
  opType: 'Sign',
  category: 'math',
  traits: ['elementwise'],
  infer: sameAsInput,
  kernel: unaryKernel({ num: (x) => (x > 0 ? 1 : x < 0 ? -1 : x), big: (x) => (x > 0n ? 1n : x < 0n ? -1n : 0n) }),
  flops: elementwiseFlops,
  versions: [
    { since: 9, inputs: 'input:T', outputs: 'output:T', types: { T: '$numeric' } },
    { since: 13, inputs: 'input:T', outputs: 'output:T', types: { T: '$numeric_v13' } },
  ],
});
