import { defineOp } from '../define.js';
import type { ValueType } from '../../ir/types.js';
import { toFloat } from '../helpers/convert.js';
import { dimConflicts } from '../helpers/dims.js';
import { computeBuffer, fromCompute } from '../helpers/normalize.js';
import type { InferContext, KernelContext } from '../types.js';

/** y = scale[c] * (x - mean) / sqrt(var + epsilon) + B[c], statistics per sample and channel. */
function instanceNormKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  if (x.rank < 2) ctx.fail(`input must have rank >= 2 (N x C x ...), got rank ${x.rank}`);
  const n = x.dims[0]!;
  const c = x.dims[1]!;
  const inner = x.size / (n * c || 1);
  const scale = ctx.input(1);
  const bias = ctx.input(2);
  if (scale.size !== c || bias.size !== c) ctx.fail(`scale and B must have ${c} values (one per channel), got ${scale.size} and ${bias.size}`);
  const s = toFloat(scale);
  const b = toFloat(bias);
  const eps = ctx.attr.float('epsilon');
  const xs = toFloat(x);
  const out = computeBuffer(x.dtype, x.size);
  for (let r = 0; r < n * c; r++) {
    const off = r * inner;
    let sum = 0;
    for (let i = 0; i < inner; i++) sum += xs[off + i]!;
    const mean = sum / inner;
    let ss = 0;
    for (let i = 0; i < inner; i++) {
      const d = xs[off + i]! - mean;
      ss += d * d;
    }
    const ch = r % c;
    const k = s[ch]! / Math.sqrt(ss / inner + eps);
    const b0 = b[ch]!;
    for (let i = 0; i < inner; i++) out[off + i] = (xs[off + i]! - mean) * k + b0;
  }
  return [fromCompute(x.dtype, x.dims, out)];
}

function inferInstanceNorm(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  if (x.shape) {
    if (x.shape.length < 2) ctx.fail(`input must have rank >= 2 (N x C x ...), got rank ${x.shape.length}`);
    for (const i of [1, 2]) {
      const p = ctx.input(i).shape;
      if (p && p.length !== 1) ctx.fail(`input ${i} must be 1-D, got rank ${p.length}`);
      if (p && dimConflicts(p[0]!, x.shape[1]!)) ctx.fail(`input ${i} has ${p[0]} values, expected ${x.shape[1]} (one per channel)`);
    }
  }
  return [x.type];
}

export default defineOp({
  opType: 'InstanceNormalization',
  category: 'normalization',
  infer: inferInstanceNorm,
  kernel: instanceNormKernel,
  flops: (ctx) => {
    const s = ctx.inputShape(0);
    return s ? 5 * s.reduce((a, b) => a * b, 1) : undefined;
  },
  versions: [
    { since: 1, inputs: 'input:T, scale:T, B:T', outputs: 'output:T', attrs: { consumed_inputs: 'ints', epsilon: 'float=1e-05' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'input:T, scale:T, B:T', outputs: 'output:T', attrs: { epsilon: 'float=1e-05' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: 'input:T, scale:T, B:T', outputs: 'output:T', attrs: { epsilon: 'float=1e-05' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
