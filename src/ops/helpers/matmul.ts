/**
 * Matrix products for MatMul, Gemm and their relatives: cache-friendly loops over row-major
 * matrices at an offset, optionally transposed, for float (accumulated in float64), 32-bit
 * integer (wrapping) and 64-bit integer (exact, wrapping on store) data. Every routine adds
 * A'·B' into `out` (M x N, row-major at `outOff`), where A' is M x K and B' is K x N.
 */

/**
 * out[M,N] += A'·B' for float data, accumulating in float64 (`out` starts zeroed or holds a bias).
 * A' is read as rows and B' as columns (B' is transposed into a scratch copy unless transB), and
 * 4x4 tiles of the output are computed at once: 8 loads feed 16 multiply-adds.
 */
export function matmulFloat(
  a: ArrayLike<number>,
  aOff: number,
  transA: boolean,
  b: ArrayLike<number>,
  bOff: number,
  transB: boolean,
  M: number,
  K: number,
  N: number,
  out: Float64Array,
  outOff: number,
): void {
  if (M === 0 || N === 0 || K === 0) return;
  // Rows of A' (M x K) at ar[arOff + i*K + k]; rows of B'^T (N x K) at bt[btOff + j*K + k].
  let ar: ArrayLike<number> = a;
  let arOff = aOff;
  if (transA) {
    const t = new Float64Array(M * K);
    for (let k = 0; k < K; k++) for (let i = 0; i < M; i++) t[i * K + k] = a[aOff + k * M + i]!;
    ar = t;
    arOff = 0;
  }
  let bt: ArrayLike<number> = b;
  let btOff = bOff;
  if (!transB) {
    const t = new Float64Array(N * K);
    for (let k = 0; k < K; k++) for (let j = 0; j < N; j++) t[j * K + k] = b[bOff + k * N + j]!;
    bt = t;
    btOff = 0;
  }
  dotTiles(ar, arOff, bt, btOff, M, K, N, out, outOff);
}

/** out[i,j] += sum_k ar[i,k]·bt[j,k], in 4x4 tiles with scalar edges. */
function dotTiles(ar: ArrayLike<number>, arOff: number, bt: ArrayLike<number>, btOff: number, M: number, K: number, N: number, out: Float64Array, outOff: number): void {
  const M4 = M - (M % 4);
  const N4 = N - (N % 4);
  for (let i = 0; i < M4; i += 4) {
    const a0 = arOff + i * K;
    const a1 = a0 + K;
    const a2 = a1 + K;
    const a3 = a2 + K;
    for (let j = 0; j < N4; j += 4) {
      const b0 = btOff + j * K;
      const b1 = b0 + K;
      const b2 = b1 + K;
      const b3 = b2 + K;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
      let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0;
      let s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = ar[a0 + k]!;
        const x1 = ar[a1 + k]!;
        const x2 = ar[a2 + k]!;
        const x3 = ar[a3 + k]!;
        const y0 = bt[b0 + k]!;
        const y1 = bt[b1 + k]!;
        const y2 = bt[b2 + k]!;
        const y3 = bt[b3 + k]!;
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
        s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
        s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
      }
      const o0 = outOff + i * N + j;
      const o1 = o0 + N;
      const o2 = o1 + N;
      const o3 = o2 + N;
      out[o0] += s00; out[o0 + 1] += s01; out[o0 + 2] += s02; out[o0 + 3] += s03;
      out[o1] += s10; out[o1 + 1] += s11; out[o1 + 2] += s12; out[o1 + 3] += s13;
      out[o2] += s20; out[o2 + 1] += s21; out[o2 + 2] += s22; out[o2 + 3] += s23;
      out[o3] += s30; out[o3 + 1] += s31; out[o3 + 2] += s32; out[o3 + 3] += s33;
    }
  }
  // Edges: the last M % 4 rows (all columns) and the last N % 4 columns of the tiled rows.
  for (let i = 0; i < M; i++) {
    const aBase = arOff + i * K;
    for (let j = i < M4 ? N4 : 0; j < N; j++) {
      const bBase = btOff + j * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += ar[aBase + k]! * bt[bBase + k]!;
      out[outOff + i * N + j] += s;
    }
  }
}

/** out[M,N] += A'·B' for int32/uint32 data with 32-bit wrapping (out is Int32Array or Uint32Array). */
export function matmulInt32(
  a: Int32Array | Uint32Array,
  aOff: number,
  transA: boolean,
  b: Int32Array | Uint32Array,
  bOff: number,
  transB: boolean,
  M: number,
  K: number,
  N: number,
  out: Int32Array | Uint32Array,
  outOff: number,
): void {
  const ai = transA ? 1 : K;
  const ak = transA ? M : 1;
  const bk = transB ? 1 : N;
  const bj = transB ? K : 1;
  for (let i = 0; i < M; i++) {
    const o = outOff + i * N;
    for (let k = 0; k < K; k++) {
      const x = a[aOff + i * ai + k * ak]!;
      const bRow = bOff + k * bk;
      for (let j = 0; j < N; j++) out[o + j] = (out[o + j]! + Math.imul(x, b[bRow + j * bj]!)) | 0;
    }
  }
}

/** out[M,N] += A'·B' for int64/uint64 data, exact, wrapping to 64 bits on store. */
export function matmulBigInt(
  a: BigInt64Array | BigUint64Array,
  aOff: number,
  transA: boolean,
  b: BigInt64Array | BigUint64Array,
  bOff: number,
  transB: boolean,
  M: number,
  K: number,
  N: number,
  out: BigInt64Array | BigUint64Array,
  outOff: number,
): void {
  const ai = transA ? 1 : K;
  const ak = transA ? M : 1;
  const bk = transB ? 1 : N;
  const bj = transB ? K : 1;
  for (let i = 0; i < M; i++) {
    const o = outOff + i * N;
    for (let j = 0; j < N; j++) {
      let s = 0n;
      for (let k = 0; k < K; k++) s += a[aOff + i * ai + k * ak]! * b[bOff + k * bk + j * bj]!;
      out[o + j] = out[o + j]! + s;
    }
  }
}
