import { defineOp } from '../define.js';
import { unaryKernel } from '../helpers/elementwise.js';
import type { KernelContext } from '../types.js';
import { erf, erfc } from '../helpers/special.js';

const SQRT1_2 = Math.SQRT1_2;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** gelu(x) = x * Phi(x), with Phi through erfc on the negative side so that tiny results keep their precision. */
function geluExact(x: number): number {
  return x >= 0 ? 0.5 * x * (1 + erf(x * SQRT1_2)) : 0.5 * x * erfc(-x * SQRT1_2);
}

/** The tanh approximation 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
function geluTanh(x: number): number {
  return 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
}

function geluKernel(ctx: KernelContext) {
  const approximate = ctx.attr.string('approximate');
  if (approximate !== 'none' && approximate !== 'tanh') ctx.fail(`approximate must be "none" or "tanh", got "${approximate}"`);
  return unaryKernel({ num: approximate === 'tanh' ? geluTanh : geluExact })(ctx);
}

/** Gaussian error linear unit, exact (erf) or with the tanh approximation. */
export default defineOp({
  opType: 'Gelu',
  category: 'activation',
  traits: ['elementwise', 'activation'],
  infer: (ctx) => {
    const a = ctx.attr.string('approximate');
    if (a !== 'none' && a !== 'tanh') ctx.fail(`approximate must be "none" or "tanh", got "${a}"`);
    return [ctx.input(0).type];
  },
  kernel: geluKernel,
  flops: (ctx) => ctx.outputShape(0)?.reduce((a, b) => a * b, 1),
  versions: [
    { since: 20, inputs: 'X:T', outputs: 'Y:T', attrs: { approximate: 'string=none' }, types: { T: 'float16 float double bfloat16' } },
  ],
});
