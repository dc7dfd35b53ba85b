import { defineOp } from '../define.js';
import { sameAsInput, unaryKernel } from '../helpers/elementwise.js';
import { elementwiseFlops } from '../helpers/elementwise-math.js';

/** y = tanh(x). */
export default defineOp({
  opType: 'Tanh',
  category: 'math',
  traits: ['elementwise', 'activation'],
  infer: sameAsInput,
  kernel: unaryKernel({ num: Math.tanh }),
  flops: elementwiseFlops,
  versions: [
    { since: 1, inputs: 'input:T', outputs: 'output:T', attrs: { consumed_inputs: 'ints' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'input:T', outputs: 'output:T', types: { T: 'float16 float double' } },
    { since: 13, inputs: 'input:T', outputs: 'output:T', types: { T: 'bfloat16 float16 float double' } },
  ],
});
