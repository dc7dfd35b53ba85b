import { defineOp } from '../define.js';
import { sameAsInput, unaryKernel } from '../helpers/elementwise.js';
import { elementwiseFlops } from '../helpers/elementwise-math.js';

/** y = 1 / x. */
export default defineOp({
  opType: 'Reciprocal',
  category: 'math',
  traits: ['elementwise'],
  infer: sameAsInput,
  kernel: unaryKernel({ num: (x) => 1 / x }),
  flops: elementwiseFlops,
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { consumed_inputs: 'ints' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'X:T', outputs: 'Y:T', types: { T: 'float16 float double' } },
    { since: 13, inputs: 'X:T', outputs: 'Y:T', types: { T: 'float16 float double bfloat16' } },
  ],
});
