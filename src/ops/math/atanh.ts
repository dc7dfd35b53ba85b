import { defineOp } from '../define.js';
import { sameAsInput, unaryKernel } from '../helpers/elementwise.js';
import { elementwiseFlops } from '../helpers/elementwise-math.js';

/** y = artanh(x). */
export default defineOp({
  opType: 'Atanh',
  category: 'math',
  traits: ['elementwise'],
  infer: sameAsInput,
  kernel: unaryKernel({ num: Math.atanh }),
  flops: elementwiseFlops,
  versions: [
    { since: 9, inputs: 'input:T', outputs: 'output:T', types: { T: 'float16 float double' } },
    { since: 22, inputs: 'input:T', outputs: 'output:T', types: { T: 'bfloat16 float16 float double' } },
  ],
});
