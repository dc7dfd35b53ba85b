import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import type { Graph } from '../../ir/graph.js';
import { checkSoftmaxPrecision, heads4d, pvRow, qkRow, softmaxRowInPlace } from '../helpers/attention.js';
import { toFloat } from '../helpers/convert.js';
import { dimConflicts, dimMerge } from '../helpers/dims.js';
import { computeBuffer, fromCompute } from '../helpers/normalize.js';
import type { FlopsContext, InferContext, KernelContext } from '../types.js';

/** The element type of the score and probability tensors the modifier graphs see. */
function scoreType(inType: DataType, precision: number | undefined, fail: (m: string) => never): DataType {
  return checkSoftmaxPrecision(precision, fail) ?? (inType === DataType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT);
}

/** A (B, Hq, L, S) tensor of the score type. */
function asTensor(type: DataType, dims: readonly number[], values: Float64Array): Tensor {
  return fromCompute(type, dims, type === DataType.DOUBLE ? values : Float32Array.from(values));
}

/** The values as the score type holds them (rounded once when narrower than float64). */
function roundTo(type: DataType, dims: readonly number[], values: Float64Array): Float64Array {
  if (type === DataType.DOUBLE) return values;
  if (type === DataType.FLOAT) {
    for (let i = 0; i < values.length; i++) values[i] = Math.fround(values[i]!);
    return values;
  }
  return Float64Array.from(toFloat(asTensor(type, dims, values)));
}

/** Runs a modifier graph on a (B, Hq, L, S) tensor; the result must keep the shape. */
function applyMod(ctx: KernelContext, graph: Graph, name: string, t: Tensor): Float64Array {
  const res = ctx.runGraph(graph, [t])[0];
  if (!(res instanceof Tensor)) return ctx.fail(`${name} must return a tensor`);
  if (res.rank !== t.rank || res.dims.some((d, i) => d !== t.dims[i])) {
    ctx.fail(`${name} returned shape [${res.dims.join(',')}], expected [${t.dims.join(',')}]`);
  }
  return Float64Array.from(toFloat(res));
}

/**
 * Attention with user graphs: scores = Q·K^T * scale (in the softmax precision), score_mod,
 * softmax over the keys, prob_mod, then probabilities times V. K/V head floor(h / group) serves
 * query head h.
 */
function flexAttentionKernel(ctx: KernelContext) {
  const fail = (m: string): never => ctx.fail(m);
  const qT = ctx.input(0);
  const kT = ctx.input(1);
  const vT = ctx.input(2);
  if (qT.rank !== 4 || kT.rank !== 4 || vT.rank !== 4) fail(`Q, K and V must be 4-D, got ranks ${qT.rank}, ${kT.rank}, ${vT.rank}`);
  const q = heads4d(toFloat(qT), qT.dims);
  const k = heads4d(toFloat(kT), kT.dims);
  const v = heads4d(toFloat(vT), vT.dims);
  if (k.batch !== q.batch || v.batch !== q.batch) fail(`Q, K and V have different batch sizes ${q.batch}, ${k.batch}, ${v.batch}`);
  if (k.heads !== v.heads || k.seq !== v.seq) fail(`K [${kT.dims.join(',')}] and V [${vT.dims.join(',')}] disagree on heads or sequence length`);
  if (k.size !== q.size) fail(`Q's head size ${q.size} differs from K's ${k.size}`);
  if (k.heads <= 0 || q.heads % k.heads !== 0) fail(`Q's ${q.heads} heads are not a multiple of K's ${k.heads} heads`);
  const sType = scoreType(qT.dtype, ctx.attr.optInt('softmax_precision'), fail);
  const scale = ctx.attr.optFloat('scale') ?? 1 / Math.sqrt(q.size);
  const group = q.heads / k.heads;
  const rows = q.batch * q.heads * q.seq;
  const s = k.seq;
  const sDims = [q.batch, q.heads, q.seq, s];
  let scores: Float64Array = new Float64Array(rows * s);
  const row = new Float64Array(s);
  for (let b = 0; b < q.batch; b++)
    for (let h = 0; h < q.heads; h++)
      for (let i = 0; i < q.seq; i++) {
        qkRow(q, b, h, i, k, Math.floor(h / group), scale, row);
        scores.set(row, ((b * q.heads + h) * q.seq + i) * s);
      }
  const scoreMod = ctx.attr.optGraph('score_mod');
  const probMod = ctx.attr.optGraph('prob_mod');
  scores = roundTo(sType, sDims, scores);
  if (scoreMod) scores = applyMod(ctx, scoreMod, 'score_mod', asTensor(sType, sDims, scores));
  for (let r = 0; r < rows; r++) softmaxRowInPlace(scores.subarray(r * s, (r + 1) * s), s, false);
  scores = roundTo(sType, sDims, scores);
  if (probMod) scores = applyMod(ctx, probMod, 'prob_mod', asTensor(sType, sDims, scores));
  const out = computeBuffer(qT.dtype, rows * v.size);
  const acc = new Float64Array(v.size);
  for (let b = 0; b < q.batch; b++)
    for (let h = 0; h < q.heads; h++)
      for (let i = 0; i < q.seq; i++) {
        const r = (b * q.heads + h) * q.seq + i;
        pvRow(scores.subarray(r * s, (r + 1) * s), v, b, Math.floor(h / group), out, r * v.size, acc);
      }
  return [fromCompute(qT.dtype, [q.batch, q.heads, q.seq, v.size], out)];
}

function inferFlexAttention(ctx: InferContext): (ValueType | undefined)[] {
  const q = ctx.input(0);
  const k = ctx.input(1);
  const v = ctx.input(2);
  scoreType(q.elemType, ctx.attr.optInt('softmax_precision'), (m) => ctx.fail(m));
  for (const [name, s] of [
    ['Q', q.shape],
    ['K', k.shape],
    ['V', v.shape],
  ] as const) {
    if (s && s.length !== 4) ctx.fail(`${name} must be 4-D, got rank ${s.length}`);
  }
  const qs = q.shape;
  const ks = k.shape;
  const vs = v.shape;
  if (qs && ks && dimConflicts(qs[3]!, ks[3]!)) ctx.fail(`Q's head size ${qs[3]} differs from K's ${ks[3]}`);
  const qh = qs?.[1];
  const kh = dimMerge(ks?.[1] ?? null, vs?.[1] ?? null);
  if (typeof qh === 'number' && typeof kh === 'number' && (kh <= 0 || qh % kh !== 0)) ctx.fail(`Q's ${qh} heads are not a multiple of K's ${kh} heads`);
  const batch: Dim = dimMerge(dimMerge(qs?.[0] ?? null, ks?.[0] ?? null), vs?.[0] ?? null);
  return [tensorType(q.elemType, [batch, qh ?? null, qs?.[2] ?? null, vs?.[3] ?? null])];
}

/** 2·B·Hq·L·S·(E + Ev) for the two batched matrix products. */
function flexFlops(ctx: FlopsContext): number | undefined {
  const q = ctx.inputShape(0);
  const k = ctx.inputShape(1);
  const y = ctx.outputShape(0);
  if (!q || !k || !y) return undefined;
  return 2 * k[2]! * (q.reduce((a, b) => a * b, 1) + y.reduce((a, b) => a * b, 1));
}

export default defineOp({
  domain: 'ai.onnx.preview',
  opType: 'FlexAttention',
  category: 'attention',
  traits: ['no-fold'],
  infer: inferFlexAttention,
  kernel: flexAttentionKernel,
  flops: flexFlops,
  versions: [
    { since: 1, inputs: 'Q:T1, K:T1, V:T1', outputs: 'Y:T1', attrs: { prob_mod: 'graph', scale: 'float', score_mod: 'graph', softmax_precision: 'int' }, types: { T1: 'bfloat16 float16 float double' } },
  ],
});
