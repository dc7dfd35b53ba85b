import { defineOp } from '../define.js';
import { sameAsInput, unaryKernel } from '../helpers/elementwise.js';
import type { KernelContext } from '../types.js';

/** Y = max(0, min(1, alpha * x + beta)). */
function hardSigmoidKernel(ctx: KernelContext) {
  const alpha = ctx.attr.float('alpha');
  const beta = ctx.attr.float('beta');
  return unaryKernel({
    num: (x) => {
      const v = alpha * x + beta;
      return v > 1 ? 1 : v < 0 ? 0 : v;
    },
  })(ctx);
}

export default defineOp({
  opType: 'HardSigmoid',
  category: 'activation',
  traits: ['elementwise', 'activation'],
  infer: sameAsInput,
  kernel: hardSigmoidKernel,
  flops: (ctx) => ctx.outputShape(0)?.reduce((a, b) => a * b, 1),
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=0.2', beta: 'float=0.5', consumed_inputs: 'ints' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=0.2', beta: 'float=0.5' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=0.2', beta: 'float=0.5' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
