/**
 * Winograd F(n x n, 3x3) convolution, n = 2 or 4 (src/wasm/assembly/winograd.ts): the filter
 * transform done once per session, and the parameter block and dispatch of the per-run kernel.
 */
import type { WasmEngine } from './engine.js';
import { GEMM_FLOPS_PER_MS, threadsFor } from './params.js';

/** Output tile size: 2 (16 elements per tile, exact enough anywhere) or 4 (36 elements, 4x fewer multiplications). */
export type WinogradTile = 2 | 4;

/** G of each tile size (rows: elements of the 1-D transform; columns: filter taps). */
const G: Record<WinogradTile, readonly (readonly number[])[]> = {
  2: [
    [1, 0, 0],
    [1 / 2, 1 / 2, 1 / 2],
    [1 / 2, -1 / 2, 1 / 2],
    [0, 0, 1],
  ],
  4: [
    [1 / 4, 0, 0],
    [-1 / 6, -1 / 6, -1 / 6],
    [-1 / 6, 1 / 6, -1 / 6],
    [1 / 24, 1 / 12, 1 / 6],
    [1 / 24, -1 / 12, 1 / 6],
    [0, 0, 1],
  ],
};

/** Elements of the a x a transform (a = n + 2): one packed GEMM A operand (M x C) each. */
export function winogradElements(n: WinogradTile): number {
  return (n + 2) * (n + 2);
}

/**
 * Bytes of a thread's working region (V and M of one block of tiles) to aim for: within the
 * L2 cache of current cores, so that the products read what the input transform just wrote.
 */
const REGION_BUDGET = 384 * 1024;

/** Floats of the transformed filters of an M x C x 3 x 3 weight tensor, per element ξ. */
export function winogradFilterStride(e: WasmEngine, M: number, C: number, transposed = false): number {
  return transposed ? e.exports.gemm_packed_b_size(C, M) : e.exports.gemm_packed_a_size(M, C);
}

/**
 * U = G g G^T of every filter (M x C x 3 x 3, row-major), packed as (n+2)² GEMM A operands of
 * M x C at dst + ξ * stride floats, or `transposed` as B operands of C x M (the products of a
 * few tiles take them as columns). Computed in float64, rounded once.
 */
export function packWinogradFilters(e: WasmEngine, n: WinogradTile, w: Float32Array, M: number, C: number, dst: number, transposed = false): void {
  const g = G[n];
  const a = n + 2;
  const elements = a * a;
  const stride = winogradFilterStride(e, M, C, transposed);
  const mc = M * C;
  const tmp = e.alloc(elements * mc * 4);
  try {
    const u = e.f32(tmp, elements * mc);
    const gw = new Float64Array(a * 3);
    for (let f = 0; f < mc; f++) {
      const base = f * 9;
      // G w (a x 3).
      for (let i = 0; i < a; i++) {
        for (let k = 0; k < 3; k++) gw[i * 3 + k] = g[i]![0]! * w[base + k]! + g[i]![1]! * w[base + 3 + k]! + g[i]![2]! * w[base + 6 + k]!;
      }
      // (G w) G^T (a x a): element ξ = a i + j goes to matrix ξ, row m, column c.
      for (let i = 0; i < a; i++) {
        for (let j = 0; j < a; j++) u[(a * i + j) * mc + f] = gw[i * 3]! * g[j]![0]! + gw[i * 3 + 1]! * g[j]![1]! + gw[i * 3 + 2]! * g[j]![2]!;
      }
    }
    for (let x = 0; x < elements; x++) {
      if (transposed) e.exports.gemm_pack_b(tmp + x * mc * 4, C, 1, C, M, dst + x * stride * 4);
      else e.exports.gemm_pack_a(tmp + x * mc * 4, C, 0, M, C, dst + x * stride * 4, 1);
    }
  } finally {
    e.release(tmp);
  }
}

/**
 * The padded size of the input along one axis for `out` outputs: n rows per tile plus 2 (the
 * blocks overlap); F(4x4) reads rows of its 6-wide blocks as 8 floats, so columns get 2 more.
 */
export function winogradPadded(n: WinogradTile, out: number, columns: boolean): number {
  return n * Math.ceil(out / n) + 2 + (columns && n === 4 ? 2 : 0);
}

export interface WinogradCall {
  n: WinogradTile;
  /**
   * F(4x4) only: tiles as the rows of the products and output channels as their columns, for
   * images of a few tiles (4 per panel instead of 8); u from packWinogradFilters(transposed).
   */
  transposed?: boolean;
  /** N images of C planes of Hp x Wp, padding in place (Hp, Wp from winogradPadded). */
  x: number;
  /** Filters from packWinogradFilters, and their stride in floats. */
  u: number;
  uStride: number;
  y: number;
  /** M floats, or 0. */
  bias: number;
  /** Added before the clamp: a tensor of the output's shape, or 0. */
  residual: number;
  N: number;
  C: number;
  M: number;
  Hp: number;
  Wp: number;
  OH: number;
  OW: number;
  clamp?: readonly [number, number];
}

/** Runs the convolution; `scratch` allocates the threads' regions (valid until this returns). */
export function runWinograd(e: WasmEngine, c: WinogradCall, scratch: (bytes: number) => number, threads: number): void {
  const TH = Math.ceil(c.OH / c.n);
  const TW = Math.ceil(c.OW / c.n);
  const tiles = TH * TW;
  if (c.N * c.M * tiles === 0) return;
  const elements = winogradElements(c.n);
  // Blocks of tiles, in panels of 8 (4 transposed), as large as the budget allows (at least 2
  // panels: every block streams all of U) and about equal in size.
  const pw = c.transposed ? 4 : 8;
  const panelsMax = Math.max(2, Math.floor(REGION_BUDGET / (elements * (c.C + c.M) * 4 * pw)));
  const blocks = Math.ceil(Math.ceil(tiles / pw) / panelsMax);
  const tb = pw * Math.ceil(Math.ceil(tiles / pw) / blocks);
  const macs = c.N * c.M * c.C * tiles * elements;
  const t = Math.min(threadsFor((2 * macs) / GEMM_FLOPS_PER_MS, threads), e.cores);
  const items = c.N * blocks;
  // Too few blocks to share out evenly (threads get whole items): split the output channels as
  // well, until the busiest thread has at most 5% more than its share.
  const mPanels = Math.ceil(c.M / (c.transposed ? 8 : 4));
  let mch = t > 1 && items < 4 * t ? Math.min(mPanels, Math.ceil((4 * t) / items)) : 1;
  while (t > 1 && mch < mPanels && Math.ceil((items * mch) / t) * t > 1.05 * items * mch) mch++;
  const units = Math.min(t, items * mch);
  const regionBytes = Math.ceil(e.exports.winograd_region_bytes(c.n, c.C, c.transposed ? 8 * Math.ceil(c.M / 8) : c.M, tb) / 64) * 64;
  const regions = scratch(units * regionBytes);
  const p = e.params();
  p.i32.set([c.x, c.u, c.y, c.bias, c.residual, c.C, c.M, c.Hp, c.Wp, c.OH, c.OW, TW, tiles, c.N, tb, blocks, mch, units, c.clamp ? 1 : 0], 0);
  p.f32[19] = c.clamp ? c.clamp[0] : 0;
  p.f32[20] = c.clamp ? c.clamp[1] : 0;
  p.i32.set([regions, regionBytes, c.uStride, c.n, c.transposed ? 1 : 0], 21);
  e.run('winograd', p.ptr, units, units);
}
