import { defineOp } from '../define.js';
import { sameAsInput, unaryKernel } from '../helpers/elementwise.js';
import { elementwiseFlops } from '../helpers/elementwise-math.js';

/** y = |x| (wrapping like C for the most negative integer). */
export default defineOp({
  opType: 'Abs',
  category: 'math',
  traits: ['elementwise'],
  infer: sameAsInput,
  kernel: unaryKernel({ num: Math.abs, big: (x) => (x < 0n ? -x : x) }),
  flops: elementwiseFlops,
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { consumed_inputs: 'ints' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'X:T', outputs: 'Y:T', types: { T: '$numeric' } },
    { since: 13, inputs: 'X:T', outputs: 'Y:T', types: { T: '$numeric_v13' } },
  ],
});
