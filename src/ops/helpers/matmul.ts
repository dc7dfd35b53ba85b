/**
 * Matrix products for MatMul, Gemm and their relatives: cache-friendly loops over row-major
 * matrices at an offset, optionally transposed, for float (accumulated in float64), 32-bit
 * integer (wrapping) and 64-bit integer (exact, wrapping on store) data. Every routine adds
 * A'·B' into `out` (M x N, row-major at `outOff`), where A' is M x K and B' is K x N.
 */

/** Rows of A' handled together, so each row of B is read once per block. */
const ROW_BLOCK = 4;

/** out[M,N] += A'·B' for float data, accumulating in float64 (`out` starts zeroed or holds a bias). */
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
  // A'[i,k] is at a[aOff + i*ai + k*ak].
  const ai = transA ? 1 : K;
  const ak = transA ? M : 1;
  if (transB) {
    // B'[k,j] = B[j,k]: rows of B are contiguous along k, so take dot products of rows.
    const row = new Float64Array(K);
    for (let i = 0; i < M; i++) {
      const aBase = aOff + i * ai;
      for (let k = 0; k < K; k++) row[k] = a[aBase + k * ak]!;
      const o = outOff + i * N;
      for (let j = 0; j < N; j++) {
        const bBase = bOff + j * K;
        let s = 0;
        for (let k = 0; k < K; k++) s += row[k]! * b[bBase + k]!;
        out[o + j] += s;
      }
    }
    return;
  }
  // i-k-j order: the inner loop walks a row of B and a row of the output contiguously; blocks of
  // ROW_BLOCK output rows share each read of a row of B.
  let i = 0;
  for (; i + ROW_BLOCK <= M; i += ROW_BLOCK) {
    const o0 = outOff + i * N;
    const o1 = o0 + N;
    const o2 = o1 + N;
    const o3 = o2 + N;
    const a0 = aOff + i * ai;
    for (let k = 0; k < K; k++) {
      const ak0 = a0 + k * ak;
      const x0 = a[ak0]!;
      const x1 = a[ak0 + ai]!;
      const x2 = a[ak0 + 2 * ai]!;
      const x3 = a[ak0 + 3 * ai]!;
      const bRow = bOff + k * N;
      for (let j = 0; j < N; j++) {
        const y = b[bRow + j]!;
        out[o0 + j] += x0 * y;
        out[o1 + j] += x1 * y;
        out[o2 + j] += x2 * y;
        out[o3 + j] += x3 * y;
      }
    }
  }
  for (; i < M; i++) {
    const o = outOff + i * N;
    const aBase = aOff + i * ai;
    for (let k = 0; k < K; k++) {
      const x = a[aBase + k * ak]!;
      const bRow = bOff + k * N;
      for (let j = 0; j < N; j++) out[o + j] += x * b[bRow + j]!;
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
