import { defineOp } from '../define.js';
import { sameAsInput, unaryKernel } from '../helpers/elementwise.js';
import type { KernelContext } from '../types.js';

/** Y = x + bias for x < -lambd, x - bias for x > lambd, 0 otherwise (integer results wrap like C casts). */
function shrinkKernel(ctx: KernelContext) {
  const lambd = ctx.attr.float('lambd');
  const bias = ctx.attr.float('bias');
  const intBias = Number.isInteger(bias) ? BigInt(bias) : undefined;
  return unaryKernel({
    num: (x) => (x < -lambd ? x + bias : x > lambd ? x - bias : 0),
    big: (x) => {
      const v = Number(x);
      if (v < -lambd) return intBias !== undefined ? x + intBias : BigInt(Math.trunc(v + bias));
      if (v > lambd) return intBias !== undefined ? x - intBias : BigInt(Math.trunc(v - bias));
      return 0n;
    },
  })(ctx);
}

export default defineOp({
  opType: 'Shrink',
  category: 'activation',
  traits: ['elementwise', 'activation'],
  infer: sameAsInput,
  kernel: shrinkKernel,
  flops: (ctx) => ctx.outputShape(0)?.reduce((a, b) => a * b, 1),
  versions: [
    { since: 9, inputs: 'input:T', outputs: 'output:T', attrs: { bias: 'float=0.0', lambd: 'float=0.5' }, types: { T: '$numeric' } },
  ],
});
