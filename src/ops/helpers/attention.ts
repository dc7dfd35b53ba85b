/**
 * Building blocks of the attention kernels (Attention, FlexAttention): multi-head views of Q/K/V
 * tensors without copies (4-D (B, H, S, D) or 3-D packed (B, S, H*D)), one row of scaled Q·K^T,
 * and probabilities times V.
 */
import { DataType } from '../../ir/dtype.js';
import type { Tensor } from '../../ir/tensor.js';
import type { Dim } from '../../ir/types.js';
import { toFloat } from './convert.js';
import { dimFloorDiv } from './dims.js';
import type { FloatArray } from './softmax.js';

/** Element (b, h, s, d) of a multi-head tensor is data[b*sB + h*sH + s*sS + d]. */
export interface Heads {
  data: FloatArray;
  batch: number;
  heads: number;
  seq: number;
  size: number;
  sB: number;
  sH: number;
  sS: number;
}

/** A (B, H, S, D) tensor's values as heads. */
export function heads4d(data: FloatArray, dims: readonly number[]): Heads {
  const [batch, heads, seq, size] = dims as [number, number, number, number];
  return { data, batch, heads, seq, size, sB: heads * seq * size, sH: seq * size, sS: size };
}

/** A packed (B, S, H*D) tensor's values as heads (no copy); fails if H does not divide the last dim. */
export function heads3d(data: FloatArray, dims: readonly number[], heads: number, fail: (m: string) => never, what: string): Heads {
  const [batch, seq, hidden] = dims as [number, number, number];
  if (heads <= 0 || hidden % heads !== 0) fail(`${what}'s hidden size ${hidden} is not a multiple of its ${heads} heads`);
  const size = hidden / heads;
  return { data, batch, heads, seq, size, sB: seq * hidden, sH: size, sS: hidden };
}

/** Values of a float tensor in compute precision (float64 for double, float32 otherwise). */
export function floatValues(t: Tensor): FloatArray {
  return toFloat(t);
}

/** Whether compute should be in float64 (any input double). */
export function wantsDouble(...ts: (Tensor | undefined)[]): boolean {
  return ts.some((t) => t?.dtype === DataType.DOUBLE);
}

/** The heads as a contiguous (B, H, S, D) buffer (a copy unless already in that layout). */
export function contiguous(h: Heads): FloatArray {
  const { batch, heads, seq, size } = h;
  if (h.sS === size && h.sH === seq * size && h.sB === heads * seq * size && h.data.length === batch * heads * seq * size) return h.data;
  const out = h.data instanceof Float64Array ? new Float64Array(batch * heads * seq * size) : new Float32Array(batch * heads * seq * size);
  let o = 0;
  for (let b = 0; b < batch; b++)
    for (let hh = 0; hh < heads; hh++)
      for (let s = 0; s < seq; s++) {
        const off = b * h.sB + hh * h.sH + s * h.sS;
        for (let d = 0; d < size; d++) out[o++] = h.data[off + d]!;
      }
  return out;
}

/** Past (B, H, P, D) followed by the new heads along the sequence: a contiguous (B, H, P+S, D) buffer. */
export function concatSeq(past: Heads, cur: Heads): Heads {
  const { batch, heads, size } = cur;
  const seq = past.seq + cur.seq;
  const out = cur.data instanceof Float64Array ? new Float64Array(batch * heads * seq * size) : new Float32Array(batch * heads * seq * size);
  let o = 0;
  for (let b = 0; b < batch; b++)
    for (let h = 0; h < heads; h++) {
      for (const src of [past, cur]) {
        for (let s = 0; s < src.seq; s++) {
          const off = b * src.sB + h * src.sH + s * src.sS;
          for (let d = 0; d < size; d++) out[o++] = src.data[off + d]!;
        }
      }
    }
  return heads4d(out, [batch, heads, seq, size]);
}

/** row[j] = scale * sum_d q[b, h, i, d] * k[b, hk, j, d] for j < k.seq. */
export function qkRow(q: Heads, b: number, h: number, i: number, k: Heads, hk: number, scale: number, row: Float64Array): void {
  const qd = q.data;
  const kd = k.data;
  const qOff = b * q.sB + h * q.sH + i * q.sS;
  const kBase = b * k.sB + hk * k.sH;
  const size = q.size;
  const n = k.seq;
  for (let j = 0; j < n; j++) {
    const kOff = kBase + j * k.sS;
    let acc = 0;
    for (let d = 0; d < size; d++) acc += qd[qOff + d]! * kd[kOff + d]!;
    row[j] = acc * scale;
  }
}

/** out[outOff + e] = sum_j p[j] * v[b, hv, j, e] for e < v.size (skipping zero probabilities). */
export function pvRow(p: Float64Array, v: Heads, b: number, hv: number, out: FloatArray, outOff: number, acc: Float64Array): void {
  const vd = v.data;
  const size = v.size;
  const base = b * v.sB + hv * v.sH;
  acc.fill(0, 0, size);
  for (let j = 0; j < v.seq; j++) {
    const pj = p[j]!;
    if (pj === 0) continue;
    const off = base + j * v.sS;
    for (let e = 0; e < size; e++) acc[e] += pj * vd[off + e]!;
  }
  for (let e = 0; e < size; e++) out[outOff + e] = acc[e]!;
}

/** In-place softmax of row[0..n); a row whose maximum is -inf becomes zeros when `zeroMasked`. */
export function softmaxRowInPlace(row: Float64Array, n: number, zeroMasked: boolean): void {
  let m = -Infinity;
  for (let j = 0; j < n; j++) if (row[j]! > m) m = row[j]!;
  if (m === -Infinity && zeroMasked) {
    row.fill(0, 0, n);
    return;
  }
  let s = 0;
  for (let j = 0; j < n; j++) {
    const e = Math.exp(row[j]! - m);
    row[j] = e;
    s += e;
  }
  const r = 1 / s;
  for (let j = 0; j < n; j++) row[j] = row[j]! * r;
}

/** A float type code accepted by `softmax_precision` (float, float16, double, bfloat16). */
export function checkSoftmaxPrecision(p: number | undefined, fail: (m: string) => never): DataType | undefined {
  if (p === undefined) return undefined;
  if (p === DataType.FLOAT || p === DataType.FLOAT16 || p === DataType.DOUBLE || p === DataType.BFLOAT16) return p;
  return fail(`softmax_precision ${p} is not one of float (1), float16 (10), double (11), bfloat16 (16)`);
}

/** hidden / heads as a dim (head size of a packed 3-D input), for inference. */
export function headSizeDim(hidden: Dim, heads: number): Dim {
  return dimFloorDiv(hidden, heads);
}
