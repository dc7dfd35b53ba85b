import { defineOp } from '../define.js';
import type { ValueType } from '../../ir/types.js';
import { toFloat } from '../helpers/convert.js';
import { computeBuffer, fromCompute } from '../helpers/normalize.js';
import type { InferContext, KernelContext } from '../types.js';

/**
 * Local response normalization across channels: y = x / (bias + alpha / size * sum(x^2))^beta,
 * the sum over channels [c - floor((size-1)/2), c + ceil((size-1)/2)] clipped to [0, C).
 */
function lrnKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  if (x.rank < 2) ctx.fail(`X must have rank >= 2 (N x C x ...), got rank ${x.rank}`);
  const size = ctx.attr.int('size');
  if (size <= 0) ctx.fail(`size must be positive, got ${size}`);
  const alpha = ctx.attr.float('alpha');
  const beta = ctx.attr.float('beta');
  const bias = ctx.attr.float('bias');
  const n = x.dims[0]!;
  const c = x.dims[1]!;
  const inner = x.size / (n * c || 1);
  const before = Math.floor((size - 1) / 2);
  const after = Math.ceil((size - 1) / 2);
  const k = alpha / size;
  const xs = toFloat(x);
  const out = computeBuffer(x.dtype, x.size);
  const sq = new Float64Array(inner);
  for (let b = 0; b < n; b++) {
    const base = b * c * inner;
    for (let ch = 0; ch < c; ch++) {
      sq.fill(0);
      const lo = Math.max(0, ch - before);
      const hi = Math.min(c - 1, ch + after);
      for (let j = lo; j <= hi; j++) {
        const off = base + j * inner;
        for (let i = 0; i < inner; i++) {
          const v = xs[off + i]!;
          sq[i] += v * v;
        }
      }
      const off = base + ch * inner;
      for (let i = 0; i < inner; i++) out[off + i] = xs[off + i]! / Math.pow(bias + k * sq[i]!, beta);
    }
  }
  return [fromCompute(x.dtype, x.dims, out)];
}

function inferLrn(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  if (x.rank !== undefined && x.rank < 2) ctx.fail(`X must have rank >= 2 (N x C x ...), got rank ${x.rank}`);
  if (ctx.attr.int('size') <= 0) ctx.fail(`size must be positive, got ${ctx.attr.int('size')}`);
  return [x.type];
}

export default defineOp({
  opType: 'LRN',
  category: 'normalization',
  infer: inferLrn,
  kernel: lrnKernel,
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=0.0001', beta: 'float=0.75', bias: 'float=1.0', size: 'int!' }, types: { T: 'float16 float double' } },
    { since: 13, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=0.0001', beta: 'float=0.75', bias: 'float=1.0', size: 'int!' }, types: { T: 'float16 float double bfloat16' } },
  ],
});
