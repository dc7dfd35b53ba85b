/**
 * Winograd F(2x2, 3x3) convolution (src/wasm/assembly/winograd.ts): the filter transform done
 * once per session, and the parameter block and dispatch of the per-run kernel.
 */
import type { WasmEngine } from './engine.js';
import { GEMM_FLOPS_PER_MS, threadsFor } from './params.js';

/** Elements of the 4x4 transform: one packed GEMM A operand (M x C) each. */
const ELEMENTS = 16;

/**
 * Bytes of a thread's working region (V and M of one block of tiles) to aim for: within the
 * L2 cache of current cores, so that the products read what the input transform just wrote.
 */
const REGION_BUDGET = 384 * 1024;

/** Floats of the transformed filters of an M x C x 3 x 3 weight tensor, per element ξ. */
export function winogradFilterStride(e: WasmEngine, M: number, C: number): number {
  return e.exports.gemm_packed_a_size(M, C);
}

/**
 * U = G g G^T of every filter (M x C x 3 x 3, row-major), packed as 16 GEMM A operands of
 * M x C at dst + ξ * stride floats. Computed in float64, rounded once.
 */
export function packWinogradFilters(e: WasmEngine, w: Float32Array, M: number, C: number, dst: number): void {
  const stride = winogradFilterStride(e, M, C);
  const mc = M * C;
  const tmp = e.alloc(ELEMENTS * mc * 4);
  try {
    const u = e.f32(tmp, ELEMENTS * mc);
    const gg = new Float64Array(12);
    for (let f = 0; f < mc; f++) {
      const g = f * 9;
      // G g (4 x 3), G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1].
      for (let k = 0; k < 3; k++) {
        const g0 = w[g + k]!;
        const g1 = w[g + 3 + k]!;
        const g2 = w[g + 6 + k]!;
        gg[k] = g0;
        gg[3 + k] = 0.5 * (g0 + g1 + g2);
        gg[6 + k] = 0.5 * (g0 - g1 + g2);
        gg[9 + k] = g2;
      }
      // (G g) G^T (4 x 4): element ξ = 4i + j goes to matrix ξ, row m, column c.
      for (let i = 0; i < 4; i++) {
        const a = gg[3 * i]!;
        const b = gg[3 * i + 1]!;
        const c = gg[3 * i + 2]!;
        const at = 4 * i * mc + f;
        u[at] = a;
        u[at + mc] = 0.5 * (a + b + c);
        u[at + 2 * mc] = 0.5 * (a - b + c);
        u[at + 3 * mc] = c;
      }
    }
    for (let x = 0; x < ELEMENTS; x++) e.exports.gemm_pack_a(tmp + x * mc * 4, C, 0, M, C, dst + x * stride * 4, 1);
  } finally {
    e.release(tmp);
  }
}

/** The padded size of one spatial axis: 2 input rows per tile, plus 2 (the 4x4 blocks overlap). */
export function winogradPadded(out: number): number {
  return 2 * Math.ceil(out / 2) + 2;
}

export interface WinogradCall {
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
  const TH = Math.ceil(c.OH / 2);
  const TW = Math.ceil(c.OW / 2);
  const tiles = TH * TW;
  if (c.N * c.M * tiles === 0) return;
  // Blocks of tiles, in 8-tile panels, as large as the budget allows (at least 2 panels: every
  // block streams all of U) and about equal in size.
  const panelsMax = Math.max(2, Math.floor(REGION_BUDGET / (ELEMENTS * (c.C + c.M) * 4 * 8)));
  const blocks = Math.ceil(Math.ceil(tiles / 8) / panelsMax);
  const tb = 8 * Math.ceil(Math.ceil(tiles / 8) / blocks);
  const macs = c.N * c.M * c.C * tiles * ELEMENTS;
  const t = Math.min(threadsFor((2 * macs) / GEMM_FLOPS_PER_MS, threads), e.cores);
  const items = c.N * blocks;
  // Too few blocks to share out evenly: split the output channels as well.
  const mch = t > 1 && items < 4 * t ? Math.min(Math.ceil(c.M / 4), Math.ceil((4 * t) / items)) : 1;
  const units = Math.min(t, items * mch);
  const regionBytes = Math.ceil(e.exports.winograd_region_bytes(c.C, c.M, tb) / 64) * 64;
  const regions = scratch(units * regionBytes);
  const p = e.params();
  p.i32.set([c.x, c.u, c.y, c.bias, c.residual, c.C, c.M, c.Hp, c.Wp, c.OH, c.OW, TW, tiles, c.N, tb, blocks, mch, units, c.clamp ? 1 : 0], 0);
  p.f32[19] = c.clamp ? c.clamp[0] : 0;
  p.f32[20] = c.clamp ? c.clamp[1] : 0;
  p.i32.set([regions, regionBytes, c.uStride], 21);
  e.run('winograd', p.ptr, units, units);
}
