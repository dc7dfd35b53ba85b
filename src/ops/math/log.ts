import { defineOp } from '../define.js';
import { sameAsInput, unaryKernel } from '../helpers/elementwise.js';
import { elementwiseFlops } from '../helpers/elementwise-math.js';

/** y = ln(x). */
export default defineOp({
  opType: 'Log',
  category: 'math',
  traits: ['elementwise'],
  infer: sameAsInput,
  kernel: unaryKernel({ num: Math.log }),
  flops: elementwiseFlops,
  versions: [
    { since: 1, inputs: 'input:T', outputs: 'output:T', attrs: { consumed_inputs: 'ints' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'input:T', outputs: 'output:T', types: { T: 'float16 float double' } },
    { since: 13, inputs: 'input:T', outputs: 'output:T', types: { T: 'float16 float double bfloat16' } },
  ],
});
