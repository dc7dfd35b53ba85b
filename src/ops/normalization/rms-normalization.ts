import { defineOp } from '../define.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { normalizeAxis } from '../helpers/axes.js';
import { toFloat } from '../helpers/convert.js';
import { applyAffine, broadcastParam, computeBuffer, fromCompute } from '../helpers/normalize.js';
import type { InferContext, KernelContext } from '../types.js';
import { stashType } from './layer-normalization.js';

/** Y = X / sqrt(mean(X^2 over axes [axis, rank)) + epsilon) * scale; Y has scale's type. */
function rmsNormKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  const scaleT = ctx.input(1);
  const fail = (m: string): never => ctx.fail(m);
  const axis = normalizeAxis(ctx.attr.int('axis'), x.rank, fail);
  stashType(ctx.attr.int('stash_type'), fail);
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= x.dims[i]!;
  const inner = outer === 0 ? 0 : x.size / outer;
  const scale = broadcastParam(scaleT, x.dims, fail, 'scale');
  const eps = ctx.attr.float('epsilon');
  const xs = toFloat(x);
  const out = computeBuffer(scaleT.dtype, x.size);
  const fused = !scale.index && scale.values.length === inner;
  const s = scale.values;
  for (let r = 0; r < outer; r++) {
    const off = r * inner;
    let ss = 0;
    for (let j = 0; j < inner; j++) {
      const v = xs[off + j]!;
      ss += v * v;
    }
    const inv = 1 / Math.sqrt(ss / inner + eps);
    if (fused) for (let j = 0; j < inner; j++) out[off + j] = xs[off + j]! * inv * s[j]!;
    else for (let j = 0; j < inner; j++) out[off + j] = xs[off + j]! * inv;
  }
  if (!fused) applyAffine(out, scale, undefined);
  return [fromCompute(scaleT.dtype, x.dims, out)];
}

function inferRmsNorm(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const scale = ctx.input(1);
  stashType(ctx.attr.int('stash_type'), (m) => ctx.fail(m));
  if (x.shape) {
    normalizeAxis(ctx.attr.int('axis'), x.shape.length, (m) => ctx.fail(m));
    if (scale.shape && scale.shape.length > x.shape.length) ctx.fail(`scale has rank ${scale.shape.length}, more than X's rank ${x.shape.length}`);
  }
  return [tensorType(scale.elemType, x.shape)];
}

export default defineOp({
  opType: 'RMSNormalization',
  category: 'normalization',
  infer: inferRmsNorm,
  kernel: rmsNormKernel,
  flops: (ctx) => {
    const s = ctx.inputShape(0);
    return s ? 5 * s.reduce((a, b) => a * b, 1) : undefined;
  },
  versions: [
    { since: 23, inputs: 'X:T, scale:V', outputs: 'Y:V', attrs: { axis: 'int=-1', epsilon: 'float=1e-05', stash_type: 'int=1' }, types: { T: 'float16 float double bfloat16', V: 'float16 float double bfloat16' } },
  ],
});
