/**
 * The Winograd F(2x2, 3x3) path of the fast Conv: 2-D, 3x3 filters, strides and dilations 1, one
 * group, enough channels that the transforms are paid back (2.25x fewer multiplications than
 * the im2col GEMM). Its filters replace the GEMM's packed weights, so the choice is made once,
 * when the session is created.
 */
import { runPadPlanes } from '../../runtime/wasm/gemm-call.js';
import { packWinogradFilters, runWinograd, winogradFilterStride, winogradPadded } from '../../runtime/wasm/winograd-call.js';
import type { FastNodeInfo, FastRunContext } from './types.js';

/**
 * Input channels from which Winograd beats the GEMM: the products sum over C, and with fewer
 * the register tile spends more time loading and storing its accumulators than multiplying.
 * Output channels pay down to a row panel (4, measured).
 */
const MIN_CHANNELS = 16;
const MIN_OUTPUT_CHANNELS = 4;

export interface WinogradFilters {
  u: number;
  uStride: number;
}

export interface WinogradShape {
  nd: number;
  KH: number;
  KW: number;
  group: number;
  strides: readonly number[];
  dilations: readonly number[];
  M: number;
  C: number;
  /** Output height and width when the input's type tells them. */
  out?: readonly [number, number];
}

/**
 * Multiplications per image, counted in 8-column panels of the products (tiles for Winograd,
 * output pixels for the GEMM): 1x1 and 2x2 outputs fill one panel either way, and Winograd's
 * 16 elements per tile then cost more than the GEMM's 9 taps.
 */
function winogradPays(OH: number, OW: number): boolean {
  const tiles = Math.ceil(OH / 2) * Math.ceil(OW / 2);
  return 16 * Math.ceil(tiles / 8) < 9 * Math.ceil((OH * OW) / 8);
}

/** Whether a convolution with these (constant) attributes takes the Winograd path. */
export function winogradApplies(s: WinogradShape): boolean {
  return (
    s.nd === 2 &&
    s.KH === 3 &&
    s.KW === 3 &&
    s.group === 1 &&
    s.strides.every((v) => v === 1) &&
    s.dilations.every((v) => v === 1) &&
    s.C >= MIN_CHANNELS &&
    s.M >= MIN_OUTPUT_CHANNELS &&
    (s.out === undefined || winogradPays(s.out[0], s.out[1]))
  );
}

/** Transforms the (BatchNorm-folded) M x C x 3 x 3 weights into session memory. */
export function prepareWinograd(info: FastNodeInfo, w: Float32Array, M: number, C: number): WinogradFilters {
  const e = info.engine;
  const uStride = winogradFilterStride(e, M, C);
  const u = info.keep(16 * uStride * 4);
  packWinogradFilters(e, w, M, C, u);
  return { u, uStride };
}

export interface WinogradRun {
  /** N images of C planes of H x W (unpadded). */
  x: number;
  y: number;
  bias: number;
  residual: number;
  N: number;
  C: number;
  M: number;
  H: number;
  W: number;
  PT: number;
  PL: number;
  OH: number;
  OW: number;
  clamp?: readonly [number, number];
}

export function runConvWinograd(ctx: FastRunContext, f: WinogradFilters, r: WinogradRun): void {
  // Padded so that every tile's 4x4 block is inside the copy (bottom and right grow by a row or
  // column when the output size is odd).
  const Hp = winogradPadded(r.OH);
  const Wp = winogradPadded(r.OW);
  let x = r.x;
  if (r.PT !== 0 || r.PL !== 0 || Hp !== r.H || Wp !== r.W) {
    x = ctx.scratch(r.N * r.C * Hp * Wp * 4);
    runPadPlanes(ctx.engine, r.x, x, r.N * r.C, r.H, r.W, r.PT, r.PL, Hp, Wp, ctx.threads, 0);
  }
  const call = { x, u: f.u, uStride: f.uStride, y: r.y, bias: r.bias, residual: r.residual, N: r.N, C: r.C, M: r.M, Hp, Wp, OH: r.OH, OW: r.OW };
  runWinograd(ctx.engine, r.clamp ? { ...call, clamp: r.clamp } : call, ctx.scratch, ctx.threads);
}
