import { defineOp } from '../define.js';
import type { ValueType } from '../../ir/types.js';
import { toFloat, toInts } from '../helpers/convert.js';
import { dimConflicts, dimFloorDiv } from '../helpers/dims.js';
import { computeBuffer, fromCompute } from '../helpers/normalize.js';
import type { InferContext, KernelContext } from '../types.js';

/**
 * Rotary position embedding: the first rotary_embedding_dim values of each head are rotated in
 * pairs, (x1, x2) -> (cos*x1 - sin*x2, sin*x1 + cos*x2), pairs being the two halves of that span
 * or, with `interleaved`, adjacent values. cos/sin rows come from position_ids (caches of shape
 * (max_position, dim/2)) or directly per (batch, position) (caches of shape (B, S, dim/2)).
 */
function rotaryKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  const cosT = ctx.input(1);
  const sinT = ctx.input(2);
  const posT = ctx.optionalInput(3);
  let batch: number;
  let heads: number;
  let seq: number;
  let size: number;
  // Element (b, h, s, d) is at b*sB + h*sH + s*sS + d.
  let sB: number;
  let sH: number;
  let sS: number;
  if (x.rank === 4) {
    [batch, heads, seq, size] = x.dims as [number, number, number, number];
    sB = heads * seq * size;
    sH = seq * size;
    sS = size;
  } else if (x.rank === 3) {
    const nh = ctx.attr.optInt('num_heads');
    if (nh === undefined || nh <= 0) ctx.fail('a 3-D input needs a positive num_heads attribute');
    heads = nh!;
    const hidden = x.dims[2]!;
    if (hidden % heads !== 0) ctx.fail(`hidden size ${hidden} is not a multiple of num_heads ${heads}`);
    [batch, seq] = x.dims as [number, number];
    size = hidden / heads;
    sB = seq * hidden;
    sH = size;
    sS = hidden;
  } else return ctx.fail(`X must be 3-D or 4-D, got rank ${x.rank}`);
  const rd = ctx.attr.int('rotary_embedding_dim') || size;
  if (rd % 2 !== 0 || rd > size) ctx.fail(`rotary_embedding_dim ${rd} must be even and at most the head size ${size}`);
  const half = rd / 2;
  for (const [name, t] of [
    ['cos_cache', cosT],
    ['sin_cache', sinT],
  ] as const) {
    if (t.dims[t.rank - 1] !== half) ctx.fail(`${name}'s last dim is ${t.dims[t.rank - 1]}, expected ${half} (rotary dim / 2)`);
    if (t.rank !== (posT ? 2 : 3)) ctx.fail(`${name} must be ${posT ? '2-D (max_position, dim/2) with position_ids' : '3-D (batch, seq, dim/2) without position_ids'}, got rank ${t.rank}`);
  }
  if (cosT.dims.some((d, i) => d !== sinT.dims[i])) ctx.fail(`cos_cache [${cosT.dims.join(',')}] and sin_cache [${sinT.dims.join(',')}] differ`);
  // The cache row for (b, s), with a batch of 1 broadcast.
  const rows = new Int32Array(batch * seq);
  if (posT) {
    const pos = toInts(posT);
    const pb = posT.dims[0]!;
    if (posT.rank !== 2 || (pb !== batch && pb !== 1) || posT.dims[1] !== seq) ctx.fail(`position_ids has shape [${posT.dims.join(',')}], expected [${batch},${seq}]`);
    const max = cosT.dims[0]!;
    for (let b = 0; b < batch; b++)
      for (let s = 0; s < seq; s++) {
        const p = pos[(pb === 1 ? 0 : b) * seq + s]!;
        if (p < 0 || p >= max) ctx.fail(`position id ${p} is out of range [0, ${max})`);
        rows[b * seq + s] = p;
      }
  } else {
    const cb = cosT.dims[0]!;
    if ((cb !== batch && cb !== 1) || cosT.dims[1] !== seq) ctx.fail(`cos_cache has shape [${cosT.dims.join(',')}], expected [${batch},${seq},${half}]`);
    for (let b = 0; b < batch; b++) for (let s = 0; s < seq; s++) rows[b * seq + s] = (cb === 1 ? 0 : b) * seq + s;
  }
  const interleaved = ctx.attr.int('interleaved') !== 0;
  const xs = toFloat(x);
  const cos = toFloat(cosT);
  const sin = toFloat(sinT);
  const out = computeBuffer(x.dtype, x.size);
  out.set(xs);
  for (let b = 0; b < batch; b++)
    for (let s = 0; s < seq; s++) {
      const c0 = rows[b * seq + s]! * half;
      for (let h = 0; h < heads; h++) {
        const base = b * sB + h * sH + s * sS;
        if (interleaved) {
          for (let i = 0; i < half; i++) {
            const x1 = xs[base + 2 * i]!;
            const x2 = xs[base + 2 * i + 1]!;
            const c = cos[c0 + i]!;
            const sn = sin[c0 + i]!;
            out[base + 2 * i] = c * x1 - sn * x2;
            out[base + 2 * i + 1] = sn * x1 + c * x2;
          }
        } else {
          for (let i = 0; i < half; i++) {
            const x1 = xs[base + i]!;
            const x2 = xs[base + half + i]!;
            const c = cos[c0 + i]!;
            const sn = sin[c0 + i]!;
            out[base + i] = c * x1 - sn * x2;
            out[base + half + i] = sn * x1 + c * x2;
          }
        }
      }
    }
  return [fromCompute(x.dtype, x.dims, out)];
}

function inferRotary(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const cos = ctx.input(1).shape;
  if (x.shape) {
    const rank = x.shape.length;
    if (rank !== 3 && rank !== 4) ctx.fail(`X must be 3-D or 4-D, got rank ${rank}`);
    const nh = ctx.attr.optInt('num_heads');
    if (rank === 3 && (nh === undefined || nh <= 0)) ctx.fail('a 3-D input needs a positive num_heads attribute');
    const size = rank === 4 ? x.shape[3]! : dimFloorDiv(x.shape[2]!, nh!);
    const rd = ctx.attr.int('rotary_embedding_dim');
    if (rd % 2 !== 0) ctx.fail(`rotary_embedding_dim ${rd} must be even`);
    const half = rd ? rd / 2 : dimFloorDiv(size, 2);
    if (cos && cos.length > 0 && dimConflicts(cos[cos.length - 1]!, half)) ctx.fail(`cos_cache's last dim is ${cos[cos.length - 1]}, expected ${half} (rotary dim / 2)`);
  }
  return [x.type];
}

export default defineOp({
  opType: 'RotaryEmbedding',
  category: 'attention',
  infer: inferRotary,
  kernel: rotaryKernel,
  versions: [
    { since: 23, inputs: 'X:T, cos_cache:T, sin_cache:T, position_ids?:M', outputs: 'Y:T', attrs: { interleaved: 'int=0', num_heads: 'int', rotary_embedding_dim: 'int=0' }, types: { T: 'float float16 bfloat16', M: 'int64' } },
  ],
});
