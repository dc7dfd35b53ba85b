import { defineOp } from '../define.js';
import { sameAsInput, unaryKernel } from '../helpers/elementwise.js';

/** Y = x * tanh(softplus(x)). */
export default defineOp({
  opType: 'Mish',
  category: 'activation',
  traits: ['elementwise', 'activation'],
  infer: sameAsInput,
  kernel: unaryKernel({ num: (x) => x * Math.tanh(x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))) }),
  flops: (ctx) => ctx.outputShape(0)?.reduce((a, b) => a * b, 1),
  versions: [
    { since: 18, inputs: 'X:T', outputs: 'Y:T', types: { T: 'float16 float double' } },
    { since: 22, inputs: 'X:T', outputs: 'Y:T', types: { T: 'bfloat16 float16 float double' } },
  ],
});
