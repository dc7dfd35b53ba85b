import { defineOp } from '../define.js';
import { sameAsInput, unaryKernel } from '../helpers/elementwise.js';

/** Logistic sigmoid, stable for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Y = 1 / (1 + exp(-x)). */
export default defineOp({
  opType: 'Sigmoid',
  category: 'activation',
  traits: ['elementwise', 'activation'],
  infer: sameAsInput,
  kernel: unaryKernel({ num: sigmoid }),
  flops: (ctx) => ctx.outputShape(0)?.reduce((a, b) => a * b, 1),
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { consumed_inputs: 'ints' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'X:T', outputs: 'Y:T', types: { T: 'float16 float double' } },
    { since: 13, inputs: 'X:T', outputs: 'Y:T', types: { T: 'float16 float double bfloat16' } },
  ],
});
