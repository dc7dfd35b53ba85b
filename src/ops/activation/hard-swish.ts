import { defineOp } from '../define.js';
import { sameAsInput, unaryKernel } from '../helpers/elementwise.js';

/** Y = x * max(0, min(1, x / 6 + 0.5)). */
export default defineOp({
  opType: 'HardSwish',
  category: 'activation',
  traits: ['elementwise', 'activation'],
  infer: sameAsInput,
  kernel: unaryKernel({
    num: (x) => {
      const v = x / 6 + 0.5;
      return v >= 1 ? x : v <= 0 ? 0 : x * v;
    },
  }),
  flops: (ctx) => ctx.outputShape(0)?.reduce((a, b) => a * b, 1),
  versions: [
    { since: 14, inputs: 'X:T', outputs: 'Y:T', types: { T: 'float16 float double' } },
    { since: 22, inputs: 'X:T', outputs: 'Y:T', types: { T: 'bfloat16 float16 float double' } },
  ],
});
