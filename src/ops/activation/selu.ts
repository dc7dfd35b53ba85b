import { defineOp } from '../define.js';
import { sameAsInput, unaryKernel } from '../helpers/elementwise.js';
import type { KernelContext } from '../types.js';

/** Y = gamma * x for x > 0, gamma * alpha * (exp(x) - 1) otherwise. */
function seluKernel(ctx: KernelContext) {
  const alpha = ctx.attr.float('alpha');
  const gamma = ctx.attr.float('gamma');
  const ga = gamma * alpha;
  return unaryKernel({ num: (x) => (x > 0 ? gamma * x : x <= 0 ? ga * Math.expm1(x) : x) })(ctx);
}

// Selu-1 printed its defaults rounded (1.6732, 1.0507) and used them; from Selu-6 the defaults are
// the float32 values of alpha and gamma, which the changelog prints rounded as 1.67326 and 1.0507.
export default defineOp({
  opType: 'Selu',
  category: 'activation',
  traits: ['elementwise', 'activation'],
  infer: sameAsInput,
  kernel: seluKernel,
  flops: (ctx) => ctx.outputShape(0)?.reduce((a, b) => a * b, 1),
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=1.6732', consumed_inputs: 'ints', gamma: 'float=1.0507' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=1.67326319217681884765625', gamma: 'float=1.05070102214813232421875' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=1.67326319217681884765625', gamma: 'float=1.05070102214813232421875' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
