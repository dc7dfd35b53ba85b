/**
 * numpy-style matrix products of quantized tensors (MatMulInteger, QLinearMatMul): the output
 * shape (symbolic), zero points / scales per tensor, per row of A or per column of B, and a
 * batched product in float64 (exact for 8-bit integer inputs).
 */
import type { Dim, Shape } from '../../ir/types.js';
import { broadcastDims, broadcastIndex, broadcastShapes } from './broadcast.js';
import { gemmNT } from './conv-kernel.js';
import { dimConflicts } from './dims.js';

/** Output shape of numpy.matmul(A, B); undefined if a rank is unknown. */
export function matmulShape(a: Shape | undefined, b: Shape | undefined, fail: (m: string) => never): Dim[] | undefined {
  if (!a || !b) return undefined;
  if (a.length === 0 || b.length === 0) fail('matmul inputs must have rank >= 1');
  const a2 = a.length === 1 ? [1, a[0]!] : a;
  const b2 = b.length === 1 ? [b[0]!, 1] : b;
  const k1 = a2[a2.length - 1]!;
  const k2 = b2[b2.length - 2]!;
  if (dimConflicts(k1, k2)) fail(`inner dims differ: A [${a.join(',')}] and B [${b.join(',')}]`);
  const batch = broadcastDims([a2.slice(0, -2), b2.slice(0, -2)], fail) ?? [];
  const out: Dim[] = [...batch];
  if (a.length > 1) out.push(a2[a2.length - 2]!);
  if (b.length > 1) out.push(b2[b2.length - 1]!);
  return out;
}

/**
 * Subtracts a zero point (or applies any per-row / per-column parameter by `op`) in place.
 * `side` 'row': a 1-D parameter of length M (rows of a [.., M, K] matrix) applies per row;
 * 'col': a 1-D parameter of length N applies per column of [.., K, N]. Otherwise the parameter
 * broadcasts against the matrix like numpy (scalars, [.., M, 1], [.., 1, N]).
 */
export function subtractParam(
  vals: Float64Array,
  dims: readonly number[],
  param: Float64Array,
  pDims: readonly number[],
  side: 'row' | 'col',
  fail: (m: string) => never,
): void {
  if (param.length === 1) {
    const p = param[0]!;
    if (p !== 0) for (let i = 0; i < vals.length; i++) vals[i] -= p;
    return;
  }
  const r = dims.length;
  if (pDims.length === 1 && r >= 1) {
    const rows = r >= 2 ? dims[r - 2]! : 1;
    const cols = dims[r - 1]!;
    if (side === 'row' && pDims[0] === rows) {
      for (let i = 0; i < vals.length; i++) vals[i] -= param[Math.floor(i / cols) % rows]!;
      return;
    }
    if (side === 'col' && pDims[0] === cols) {
      for (let i = 0; i < vals.length; i++) vals[i] -= param[i % cols]!;
      return;
    }
  }
  const b = broadcastShapes([dims, pDims]);
  if (!b || b.length !== dims.length || b.some((d, i) => d !== dims[i])) {
    fail(`a zero point of shape [${pDims.join(',')}] does not apply to a matrix of shape [${dims.join(',')}]`);
  }
  const [idx] = broadcastIndex([pDims], dims);
  for (let i = 0; i < vals.length; i++) vals[i] -= param[idx![i]!]!;
}

/** Batched numpy.matmul of float64 arrays; returns the product and its dims. */
export function matmulF64(
  a: Float64Array,
  aDims: readonly number[],
  b: Float64Array,
  bDims: readonly number[],
  fail: (m: string) => never,
): { y: Float64Array; dims: number[] } {
  if (aDims.length === 0 || bDims.length === 0) fail('matmul inputs must have rank >= 1');
  const a2 = aDims.length === 1 ? [1, aDims[0]!] : aDims;
  const b2 = bDims.length === 1 ? [bDims[0]!, 1] : bDims;
  const M = a2[a2.length - 2]!;
  const K = a2[a2.length - 1]!;
  const N = b2[b2.length - 1]!;
  if (b2[b2.length - 2] !== K) fail(`inner dims differ: A [${aDims.join(',')}] and B [${bDims.join(',')}]`);
  const aBatch = a2.slice(0, -2);
  const bBatch = b2.slice(0, -2);
  const batch = broadcastShapes([aBatch, bBatch]);
  if (!batch) fail(`batch dims of A [${aDims.join(',')}] and B [${bDims.join(',')}] cannot be broadcast`);
  const nb = batch.reduce((x, y) => x * y, 1);
  const [ia, ib] = broadcastIndex([aBatch, bBatch], batch);
  const y = new Float64Array(nb * M * N);
  const bt = new Float64Array(N * K);
  let lastB = -1;
  for (let i = 0; i < nb; i++) {
    const bi = ib![i]!;
    if (bi !== lastB) {
      // B_i is [K, N]; the GEMM wants it as [N, K].
      const off = bi * K * N;
      for (let k = 0; k < K; k++) for (let n = 0; n < N; n++) bt[n * K + k] = b[off + k * N + n]!;
      lastB = bi;
    }
    gemmNT(M, K, N, a, ia![i]! * M * K, bt, 0, y, i * M * N);
  }
  const dims = [...batch];
  if (aDims.length > 1) dims.push(M);
  if (bDims.length > 1) dims.push(N);
  return { y, dims };
}

/**
 * For each element of an output of dims `outDims`, the index of a scale (or zero point) of dims
 * `pDims` that applies: scalars give 0; a 1-D parameter of length M on side 'row' applies per
 * row; otherwise numpy broadcasting. Returns undefined for a scalar.
 */
export function paramIndex(pDims: readonly number[], outDims: readonly number[], side: 'row' | 'col' | 'out', fail: (m: string) => never): Int32Array | undefined {
  const size = pDims.reduce((x, y) => x * y, 1);
  if (size === 1) return undefined;
  let dims = pDims;
  if (side === 'row' && pDims.length === 1 && outDims.length >= 2 && pDims[0] === outDims[outDims.length - 2]) dims = [pDims[0]!, 1];
  const b = broadcastShapes([outDims, dims]);
  if (!b || b.length !== outDims.length || b.some((d, i) => d !== outDims[i])) {
    fail(`a scale or zero point of shape [${pDims.join(',')}] does not apply to an output of shape [${outDims.join(',')}]`);
  }
  return broadcastIndex([dims], outDims)[0];
}
