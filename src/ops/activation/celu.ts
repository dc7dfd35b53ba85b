import { defineOp } from '../define.js';
import { sameAsInput, unaryKernel } from '../helpers/elementwise.js';
import type { KernelContext } from '../types.js';

/** Y = max(0, x) + min(0, alpha * (exp(x / alpha) - 1)). */
function celuKernel(ctx: KernelContext) {
  const alpha = ctx.attr.float('alpha');
  return unaryKernel({ num: (x) => (x > 0 ? x : x <= 0 ? alpha * Math.expm1(x / alpha) : x) })(ctx);
}

export default defineOp({
  opType: 'Celu',
  category: 'activation',
  traits: ['elementwise', 'activation'],
  infer: sameAsInput,
  kernel: celuKernel,
  flops: (ctx) => ctx.outputShape(0)?.reduce((a, b) => a * b, 1),
  versions: [
    { since: 12, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0' }, types: { T: 'float' } },
    { since: 28, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
