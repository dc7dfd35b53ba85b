/**
 * The Winograd path of the fast Conv: 2-D, 3x3 filters, strides and dilations 1, one group,
 * enough channels that the transforms are paid back. F(2x2, 3x3) multiplies 2.25x less than the
 * im2col GEMM, F(4x4, 3x3) 4x less (with about a decimal digit less accuracy, still far inside
 * what float32 models are checked with) where its larger tiles fill the GEMM's panels. The
 * choice depends on the output size, so it is made per run (conv-weights.ts makes each layout
 * of the weights on first use).
 */
import { runPadPlanes } from '../../runtime/wasm/gemm-call.js';
import { packWinogradFilters, runWinograd, winogradElements, winogradFilterStride, winogradPadded, type WinogradCall, type WinogradTile } from '../../runtime/wasm/winograd-call.js';
import type { FastNodeInfo, FastRunContext } from './types.js';

/**
 * Input channels from which Winograd beats the GEMM: the products sum over C, and with fewer
 * the register tile spends more time loading and storing its accumulators than multiplying.
 * Output channels pay down to a row panel (4, measured).
 */
const MIN_CHANNELS = 16;
const MIN_OUTPUT_CHANNELS = 4;

/** A Winograd variant: the tile size, and (F(4x4)) whether the products take tiles as rows. */
export interface WinogradPlan {
  n: WinogradTile;
  transposed: boolean;
}

export interface WinogradFilters extends WinogradPlan {
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
  /** Output height and width, when known. */
  out?: readonly [number, number];
}

/**
 * Multiplications per image and channel pair, counted in panels of the products (tiles for
 * Winograd, output pixels for the GEMM: 8 per panel, or 4 for transposed products, whose tiles
 * are rows), since a panel costs the same however full.
 */
function multiplications(n: WinogradTile | 'gemm', OH: number, OW: number, panel = 8): number {
  if (n === 'gemm') return 9 * panel * Math.ceil((OH * OW) / panel);
  return (n + 2) * (n + 2) * panel * Math.ceil((Math.ceil(OH / n) * Math.ceil(OW / n)) / panel);
}

/**
 * F(4x4)'s transforms cost more per multiplication saved (measured: 25-30% faster than F(2x2)
 * at 56x56 to 14x14 outputs, where it multiplies 1.55-1.75x less).
 */
const F4_MARGIN = 1.2;

/**
 * Transposed F(4x4) products use each filter element for only a few tiles, so the filters
 * stream from memory at up to 2 bytes per multiply-add: past the L3 cache (36 x 512 x 512
 * floats: 38 MB) that is as slow as F(2x2), which reads 16/36 of it (measured at 7x7, 512
 * channels; 10-30% faster at 128-256 channels).
 */
const TRANSPOSED_MAX_FILTER_BYTES = 16 * 2 ** 20;
const TRANSPOSED_MARGIN = 1.1;

/**
 * The Winograd variant for a convolution with these attributes and output size (F(2x2) when the
 * size is not known), or undefined where the GEMM is better: 1x1 and 2x2 outputs fill one panel
 * either way and Winograd's 16 elements per tile then cost more than the GEMM's 9 taps. F(4x4)
 * takes its tiles as rows of the products when that fills the panels better (a few tiles).
 */
export function winogradPlan(s: WinogradShape): WinogradPlan | undefined {
  const applies =
    s.nd === 2 &&
    s.KH === 3 &&
    s.KW === 3 &&
    s.group === 1 &&
    s.strides.every((v) => v === 1) &&
    s.dilations.every((v) => v === 1) &&
    s.C >= MIN_CHANNELS &&
    s.M >= MIN_OUTPUT_CHANNELS;
  if (!applies) return undefined;
  const f2 = { n: 2, transposed: false } as const;
  if (!s.out) return f2;
  const [OH, OW] = s.out;
  const m2 = multiplications(2, OH, OW);
  if (m2 >= multiplications('gemm', OH, OW)) return undefined;
  const m4 = multiplications(4, OH, OW);
  // Transposed products pay for transposing their results before the output transform (within
  // a few % of the plain ones at equal panels, measured at 56x56 and 28x28).
  const m4t = 36 * s.M * s.C * 4 <= TRANSPOSED_MAX_FILTER_BYTES ? TRANSPOSED_MARGIN * multiplications(4, OH, OW, 4) : Infinity;
  if (F4_MARGIN * Math.min(m4, m4t) >= m2) return f2;
  return { n: 4, transposed: m4t < m4 };
}

/** Transforms the (BatchNorm-folded) M x C x 3 x 3 weights into session memory. */
export function prepareWinograd(info: FastNodeInfo, plan: WinogradPlan, w: Float32Array, M: number, C: number): WinogradFilters {
  const e = info.engine;
  const uStride = winogradFilterStride(e, M, C, plan.transposed);
  const u = info.keep(winogradElements(plan.n) * uStride * 4);
  packWinogradFilters(e, plan.n, w, M, C, u, plan.transposed);
  return { ...plan, u, uStride };
}

/**
 * One convolution to run: the wasm call's description (winograd-call.ts) with the unpadded image
 * (N images of C planes of H x W, padded by PT/PL here) instead of the filters and padded sizes.
 */
export type WinogradRun = Omit<WinogradCall, 'n' | 'transposed' | 'u' | 'uStride' | 'Hp' | 'Wp'> & { H: number; W: number; PT: number; PL: number };

export function runConvWinograd(ctx: FastRunContext, f: WinogradFilters, r: WinogradRun): void {
  // Padded so that every tile's input block is inside the copy (bottom and right grow when the
  // output size is not a multiple of the tile).
  const Hp = winogradPadded(f.n, r.OH, false);
  const Wp = winogradPadded(f.n, r.OW, true);
  const { H, W, PT, PL, ...common } = r;
  let x = r.x;
  if (PT !== 0 || PL !== 0 || Hp !== H || Wp !== W) {
    x = ctx.scratch(r.N * r.C * Hp * Wp * 4);
    runPadPlanes(ctx.engine, r.x, x, r.N * r.C, H, W, PT, PL, Hp, Wp, ctx.threads, 0);
  }
  runWinograd(ctx.engine, { ...common, n: f.n, transposed: f.transposed, x, u: f.u, uStride: f.uStride, Hp, Wp }, ctx.scratch, ctx.threads);
}
