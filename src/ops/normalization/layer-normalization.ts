import { defineOp } from '../define.js';
import { DataType, dtypeName } from '../../ir/dtype.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { normalizeAxis } from '../helpers/axes.js';
import { toFloat } from '../helpers/convert.js';
import { applyAffine, broadcastParam, computeBuffer, fromCompute, type BroadcastParam } from '../helpers/normalize.js';
import type { InferContext, KernelContext } from '../types.js';

/** The element type named by `stash_type` (a float type), or a failure. */
export function stashType(stash: number, fail: (m: string) => never): DataType {
  if (stash === DataType.FLOAT || stash === DataType.DOUBLE || stash === DataType.FLOAT16 || stash === DataType.BFLOAT16) return stash;
  return fail(`stash_type ${stash} is not a float type`);
}

/** Whether a parameter can be fused into the row loop: element j of every row reads values[j]. */
function rowAligned(p: BroadcastParam | undefined, inner: number): boolean {
  return !p || (!p.index && p.values.length === inner);
}

/**
 * Normalizes the rows X[i, axis:] to zero mean and unit variance, then Y = normalized * Scale + B
 * (Scale, B broadcast to X). Mean and InvStdDev are per row, in the dtype `stash_type` names.
 */
function layerNormKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  const fail = (m: string): never => ctx.fail(m);
  const axis = normalizeAxis(ctx.attr.int('axis'), x.rank, fail);
  const statType = stashType(ctx.attr.int('stash_type'), fail);
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= x.dims[i]!;
  const inner = outer === 0 ? 0 : x.size / outer;
  const scale = broadcastParam(ctx.input(1), x.dims, fail, 'Scale');
  const b = ctx.optionalInput(2);
  const bias = b ? broadcastParam(b, x.dims, fail, 'B') : undefined;
  const eps = ctx.attr.float('epsilon');
  const xs = toFloat(x);
  const out = computeBuffer(x.dtype, x.size);
  const means = computeBuffer(statType, outer);
  const invs = computeBuffer(statType, outer);
  const fused = rowAligned(scale, inner) && rowAligned(bias, inner);
  const s = scale.values;
  const bv = bias?.values;
  for (let r = 0; r < outer; r++) {
    const off = r * inner;
    let sum = 0;
    for (let j = 0; j < inner; j++) sum += xs[off + j]!;
    const mean = sum / inner;
    let ss = 0;
    for (let j = 0; j < inner; j++) {
      const d = xs[off + j]! - mean;
      ss += d * d;
    }
    const inv = 1 / Math.sqrt(ss / inner + eps);
    means[r] = mean;
    invs[r] = inv;
    if (!fused) for (let j = 0; j < inner; j++) out[off + j] = (xs[off + j]! - mean) * inv;
    else if (bv) for (let j = 0; j < inner; j++) out[off + j] = (xs[off + j]! - mean) * inv * s[j]! + bv[j]!;
    else for (let j = 0; j < inner; j++) out[off + j] = (xs[off + j]! - mean) * inv * s[j]!;
  }
  if (!fused) applyAffine(out, scale, bias);
  const statDims = x.dims.map((d, i) => (i < axis ? d : 1));
  return [
    fromCompute(x.dtype, x.dims, out),
    ctx.outputCount > 1 ? fromCompute(statType, statDims, means) : undefined,
    ctx.outputCount > 2 ? fromCompute(statType, statDims, invs) : undefined,
  ].slice(0, Math.max(1, ctx.outputCount));
}

function inferLayerNorm(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const statType = stashType(ctx.attr.int('stash_type'), (m) => ctx.fail(m));
  let statShape: Dim[] | undefined;
  if (x.shape) {
    const axis = normalizeAxis(ctx.attr.int('axis'), x.shape.length, (m) => ctx.fail(m));
    statShape = x.shape.map((d, i) => (i < axis ? d : 1));
    for (const i of [1, 2]) {
      const p = ctx.input(i).shape;
      if (ctx.has(i) && p && p.length > x.shape.length) ctx.fail(`input ${i} has rank ${p.length}, more than X's rank ${x.shape.length}`);
    }
  }
  if (statType !== DataType.FLOAT && statType !== DataType.BFLOAT16 && ctx.outputCount > 1) {
    ctx.warn(`stash_type ${dtypeName(statType)}: Mean and InvStdDev are only defined as float or bfloat16`);
  }
  const outs: (ValueType | undefined)[] = [x.type];
  for (let o = 1; o < ctx.outputCount; o++) outs.push(tensorType(statType, statShape));
  return outs;
}

export default defineOp({
  opType: 'LayerNormalization',
  category: 'normalization',
  infer: inferLayerNorm,
  kernel: layerNormKernel,
  flops: (ctx) => {
    const s = ctx.inputShape(0);
    return s ? 5 * s.reduce((a, b) => a * b, 1) : undefined;
  },
  versions: [
    { since: 17, inputs: 'X:T, Scale:T, B?:T', outputs: 'Y:T, Mean?:U, InvStdDev?:U', attrs: { axis: 'int=-1', epsilon: 'float=1e-05', stash_type: 'int=1' }, types: { T: 'float16 float double bfloat16', U: 'float bfloat16' } },
  ],
});
