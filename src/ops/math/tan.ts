import { defineOp } from '../define.js';
import { sameAsInput, unaryKernel } from '../helpers/elementwise.js';
import { elementwiseFlops } from '../helpers/elementwise-math.js';

/** y = tan(x). */
export default defineOp({
  opType: 'Tan',
  category: 'math',
  traits: ['elementwise'],
  infer: sameAsInput,
  kernel: unaryKernel({ num: Math.tan }),
  flops: elementwiseFlops,
  versions: [
    { since: 7, inputs: 'input:T', outputs: 'output:T', types: { T: 'float16 float double' } },
    { since: 22, inputs: 'input:T', outputs: 'output:T', types: { T: 'bfloat16 float16 float double' } },
  ],
});
