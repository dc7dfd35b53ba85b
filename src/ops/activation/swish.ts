import { defineOp } from '../define.js';
import { sameAsInput, unaryKernel } from '../helpers/elementwise.js';
import type { KernelContext } from '../types.js';
import { sigmoid } from './sigmoid.js';

/** Y = x * sigmoid(alpha * x). */
function swishKernel(ctx: KernelContext) {
  const alpha = ctx.attr.float('alpha');
  return unaryKernel({ num: (x) => x * sigmoid(alpha * x) })(ctx);
}

export default defineOp({
  opType: 'Swish',
  category: 'activation',
  traits: ['elementwise', 'activation'],
  infer: sameAsInput,
  kernel: swishKernel,
  flops: (ctx) => ctx.outputShape(0)?.reduce((a, b) => a * b, 1),
  versions: [
    { since: 24, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0' }, types: { T: 'float16 float bfloat16 double' } },
  ],
});
