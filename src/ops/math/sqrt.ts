import { defineOp } from '../define.js';
import { sameAsInput, unaryKernel } from '../helpers/elementwise.js';
import { elementwiseFlops } from '../helpers/elementwise-math.js';

/** y = sqrt(x). */
export default defineOp({
  opType: 'Sqrt',
  category: 'math',
  traits: ['elementwise'],
  infer: sameAsInput,
  kernel: unaryKernel({ num: Math.sqrt }),
  flops: elementwiseFlops,
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { consumed_inputs: 'ints' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'X:T', outputs: 'Y:T', types: { T: 'float16 float double' } },
    { since: 13, inputs: 'X:T', outputs: 'Y:T', types: { T: 'float16 float double bfloat16' } },
  ],
});
