import { defineOp } from '../define.js';
import { sameAsInput, unaryKernel } from '../helpers/elementwise.js';
import { elementwiseFlops } from '../helpers/elementwise-math.js';

/** Y = not X on bools. */
export default defineOp({
  opType: 'Not',
  category: 'logic',
  traits: ['elementwise'],
  infer: sameAsInput,
  kernel: unaryKernel({ num: (x) => (x ? 0 : 1) }),
  flops: elementwiseFlops,
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', types: { T: 'bool' } },
  ],
});
