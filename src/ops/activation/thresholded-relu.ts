import { defineOp } from '../define.js';
import { sameAsInput, unaryKernel } from '../helpers/elementwise.js';
import type { KernelContext } from '../types.js';

/** Y = x for x > alpha, 0 otherwise. */
function thresholdedReluKernel(ctx: KernelContext) {
  const alpha = ctx.attr.float('alpha');
  return unaryKernel({ num: (x) => (x > alpha ? x : x <= alpha ? 0 : x) })(ctx);
}

export default defineOp({
  opType: 'ThresholdedRelu',
  category: 'activation',
  traits: ['elementwise', 'activation'],
  infer: sameAsInput,
  kernel: thresholdedReluKernel,
  flops: (ctx) => ctx.outputShape(0)?.reduce((a, b) => a * b, 1),
  versions: [
    { since: 10, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
