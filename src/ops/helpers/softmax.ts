/**
 * Softmax, log-softmax and hardmax along one axis of a tensor seen as [outer, len, inner]
 * (row-major), on float arrays. Numerically stable (the row maximum is subtracted first).
 */

export type FloatArray = Float32Array | Float64Array;
export type SoftmaxKind = 'softmax' | 'logsoftmax' | 'hardmax';

/** The [outer, len, inner] view of `dims` around `axis` (already normalized). */
export function splitAt(dims: readonly number[], axis: number): [number, number, number] {
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < axis; i++) outer *= dims[i]!;
  for (let i = axis + 1; i < dims.length; i++) inner *= dims[i]!;
  return [outer, dims[axis] ?? 1, inner];
}

/** Writes softmax/log-softmax/hardmax of `src` along the middle axis of [outer, len, inner] into `dst`. */
export function softmaxAlong(src: ArrayLike<number>, dst: FloatArray, outer: number, len: number, inner: number, kind: SoftmaxKind): void {
  if (inner === 1) {
    for (let o = 0; o < outer; o++) softmaxRow(src, dst, o * len, len, kind);
    return;
  }
  // Strided: process the `inner` columns of one outer block together, walking memory in order.
  const m = new Float64Array(inner);
  const s = new Float64Array(inner);
  const arg = new Int32Array(inner);
  for (let o = 0; o < outer; o++) {
    const base = o * len * inner;
    m.fill(-Infinity);
    arg.fill(0);
    for (let k = 0; k < len; k++) {
      const row = base + k * inner;
      for (let i = 0; i < inner; i++) {
        const v = src[row + i]!;
        if (v > m[i]!) {
          m[i] = v;
          arg[i] = k;
        }
      }
    }
    if (kind === 'hardmax') {
      for (let k = 0; k < len; k++) {
        const row = base + k * inner;
        for (let i = 0; i < inner; i++) dst[row + i] = arg[i] === k ? 1 : 0;
      }
      continue;
    }
    s.fill(0);
    for (let k = 0; k < len; k++) {
      const row = base + k * inner;
      for (let i = 0; i < inner; i++) {
        const e = Math.exp(src[row + i]! - m[i]!);
        s[i] += e;
        if (kind === 'softmax') dst[row + i] = e;
      }
    }
    if (kind === 'softmax') {
      for (let i = 0; i < inner; i++) s[i] = 1 / s[i]!;
      for (let k = 0; k < len; k++) {
        const row = base + k * inner;
        for (let i = 0; i < inner; i++) dst[row + i] = dst[row + i]! * s[i]!;
      }
    } else {
      for (let i = 0; i < inner; i++) s[i] = m[i]! + Math.log(s[i]!);
      for (let k = 0; k < len; k++) {
        const row = base + k * inner;
        for (let i = 0; i < inner; i++) dst[row + i] = src[row + i]! - s[i]!;
      }
    }
  }
}

/** One contiguous row [off, off+len). */
function softmaxRow(src: ArrayLike<number>, dst: FloatArray, off: number, len: number, kind: SoftmaxKind): void {
  let m = -Infinity;
  let arg = 0;
  for (let k = 0; k < len; k++) {
    const v = src[off + k]!;
    if (v > m) {
      m = v;
      arg = k;
    }
  }
  if (kind === 'hardmax') {
    for (let k = 0; k < len; k++) dst[off + k] = k === arg ? 1 : 0;
    return;
  }
  let s = 0;
  if (kind === 'softmax') {
    for (let k = 0; k < len; k++) {
      const e = Math.exp(src[off + k]! - m);
      dst[off + k] = e;
      s += e;
    }
    const r = 1 / s;
    for (let k = 0; k < len; k++) dst[off + k] = dst[off + k]! * r;
    return;
  }
  for (let k = 0; k < len; k++) s += Math.exp(src[off + k]! - m);
  const lse = m + Math.log(s);
  for (let k = 0; k < len; k++) dst[off + k] = src[off + k]! - lse;
}
