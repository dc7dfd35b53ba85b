import { defineOp } from '../define.js';
import { sameAsInput, unaryKernel } from '../helpers/elementwise.js';

/** Y = x / (1 + |x|). */
export default defineOp({
  opType: 'Softsign',
  category: 'activation',
  traits: ['elementwise', 'activation'],
  infer: sameAsInput,
  kernel: unaryKernel({ num: (x) => x / (1 + Math.abs(x)) }),
  flops: (ctx) => ctx.outputShape(0)?.reduce((a, b) => a * b, 1),
  versions: [
    { since: 1, inputs: 'input:T', outputs: 'output:T', types: { T: 'float16 float double' } },
    { since: 22, inputs: 'input:T', outputs: 'output:T', types: { T: 'bfloat16 float16 float double' } },
  ],
});
