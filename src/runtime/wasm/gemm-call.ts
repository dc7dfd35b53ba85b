/** The GEMM kernel's parameter block and dispatch, and the padded copies im2col reads. */
import type { WasmEngine } from './engine.js';
import { ELEMENTS_PER_MS, GEMM_FLOPS_PER_MS, threadsFor } from './params.js';

/**
 * Geometry of a 2-D convolution whose im2col matrix is read as B (one group, one image). The
 * image must include its padding (runPadPlanes): H and W are the padded sizes.
 */
export interface ConvGeometry {
  C: number;
  H: number;
  W: number;
  KH: number;
  KW: number;
  SH: number;
  SW: number;
  DH: number;
  DW: number;
  OH: number;
  OW: number;
}

/** Copies `planes` planes of H x W into Hp x Wp planes with PT rows and PL columns of `fill` before each (and after, to fill). */
export function runPadPlanes(e: WasmEngine, x: number, y: number, planes: number, H: number, W: number, PT: number, PL: number, Hp: number, Wp: number, threads: number, fill = 0): void {
  if (planes === 0) return;
  const p = e.params();
  p.i32.set([x, y, H, W, PT, PL, Hp, Wp], 0);
  p.f32[8] = fill;
  e.run('pad_planes', p.ptr, planes, threadsFor((planes * Hp * Wp) / (4 * ELEMENTS_PER_MS), threads));
}

/** Strides (in floats) of the two batch levels of a batched GEMM; 0 where an operand is shared. */
export interface GemmBatch {
  b1: number;
  b2: number;
  sa1: number;
  sa2: number;
  sb1: number;
  sb2: number;
  sc1: number;
  sc2: number;
  /** Bias stride along the second level (groups of a Conv). */
  sbias2: number;
}

/** C = alpha·A'·B' (+ bias) (clamped), with A' M x K and B' K x N; addresses in bytes, strides in floats. */
export interface GemmCall {
  a: number;
  lda: number;
  transA?: boolean;
  /** A was packed by gemm_pack_a (with alpha applied). */
  aPacked?: boolean;
  b: number;
  ldb: number;
  transB?: boolean;
  bPacked?: boolean;
  /** B is the im2col matrix of the image at b. */
  im2col?: ConvGeometry;
  c: number;
  ldc: number;
  M: number;
  N: number;
  K: number;
  /** Added to C: one value per row (1) or per column (2). */
  bias?: number;
  biasKind?: 0 | 1 | 2;
  clamp?: readonly [number, number];
  /** GELU (erf form) on the result, instead of a clamp. */
  gelu?: boolean;
  /** Add to the values already in C. */
  accumulate?: boolean;
  alpha?: number;
  batch?: GemmBatch;
}

const F_TRANS_A = 1;
const F_PACKED_A = 2;
const F_TRANS_B = 4;
const F_PACKED_B = 8;
const F_IM2COL_B = 16;
const F_ACCUMULATE = 32;

/** Runs a (batched) GEMM, split across threads by batch, then by row or column panels. */
export function runGemm(e: WasmEngine, g: GemmCall, threads: number): void {
  const batch = g.batch ?? { b1: 1, b2: 1, sa1: 0, sa2: 0, sb1: 0, sb2: 0, sc1: 0, sc2: 0, sbias2: 0 };
  const count = batch.b1 * batch.b2;
  if (count === 0 || g.M === 0 || g.N === 0) return;
  const p = e.params();
  const I = p.i32;
  I[0] = g.a;
  I[1] = g.lda;
  I[2] = g.b;
  I[3] = g.ldb;
  I[4] = g.c;
  I[5] = g.ldc;
  I[6] = g.M;
  I[7] = g.N;
  I[8] = g.K;
  I[9] =
    (g.transA ? F_TRANS_A : 0) |
    (g.aPacked ? F_PACKED_A : 0) |
    (g.transB ? F_TRANS_B : 0) |
    (g.bPacked ? F_PACKED_B : 0) |
    (g.im2col ? F_IM2COL_B : 0) |
    (g.accumulate ? F_ACCUMULATE : 0);
  I[10] = g.bias ?? 0;
  I[11] = g.bias ? (g.biasKind ?? 0) : 0;
  I[12] = g.gelu ? 2 : g.clamp ? 1 : 0;
  p.f32[13] = g.clamp ? g.clamp[0] : 0;
  p.f32[14] = g.clamp ? g.clamp[1] : 0;
  I[15] = batch.b1;
  I[16] = batch.b2;
  I[17] = batch.sa1;
  I[18] = batch.sa2;
  I[19] = batch.sb1;
  I[20] = batch.sb2;
  I[21] = batch.sc1;
  I[22] = batch.sc2;
  I[23] = batch.sbias2;
  p.f32[26] = g.alpha ?? 1;
  if (g.im2col) {
    const c = g.im2col;
    I.set([c.C, c.H, c.W, c.KH, c.KW, c.SH, c.SW, c.DH, c.DW, 0, 0, c.OH, c.OW], 27);
  }
  const ms = (2 * count * g.M * g.N * Math.max(g.K, 1)) / GEMM_FLOPS_PER_MS;
  const t = Math.min(threadsFor(ms, threads), e.cores);
  let mch = 1;
  let nch = 1;
  if (t > 1 && count < 2 * t) {
    // Too few products to share out: split each one by its larger panel count.
    const mPanels = Math.ceil(g.M / 4);
    const nPanels = Math.ceil(g.N / 8);
    const parts = Math.ceil((2 * t) / count);
    if (nPanels >= mPanels) nch = Math.min(parts, nPanels);
    else mch = Math.min(parts, mPanels);
  }
  I[24] = mch;
  I[25] = nch;
  if (g.K === 0) {
    // No products to sum: C is the bias (or stays as it is when accumulating), clamped.
    fillGemmWithoutK(e, g, count, batch);
    return;
  }
  e.run('gemm', p.ptr, count * mch * nch, t);
}

/** GELU of one value (only for the degenerate K = 0 product). */
function geluScalar(x: number): number {
  // Abramowitz-Stegun 7.1.26 is plenty for a path no real model takes.
  const u = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * u);
  const e = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-u * u);
  return 0.5 * x * (1 + (x < 0 ? -e : e));
}

function fillGemmWithoutK(e: WasmEngine, g: GemmCall, count: number, batch: GemmBatch): void {
  const bias = g.bias && g.biasKind ? e.f32(g.bias, g.biasKind === 1 ? (batch.b2 - 1) * batch.sbias2 + g.M : g.N) : undefined;
  for (let u = 0; u < count; u++) {
    const i1 = Math.floor(u / batch.b2);
    const i2 = u % batch.b2;
    const c = e.f32(g.c + (i1 * batch.sc1 + i2 * batch.sc2) * 4, (g.M - 1) * g.ldc + g.N);
    for (let i = 0; i < g.M; i++) {
      for (let j = 0; j < g.N; j++) {
        let v = g.accumulate ? c[i * g.ldc + j]! : 0;
        if (bias) v += bias[g.biasKind === 1 ? i2 * batch.sbias2 + i : j]!;
        if (g.clamp) v = Math.min(Math.max(v, g.clamp[0]), g.clamp[1]);
        if (g.gelu) v = geluScalar(v);
        c[i * g.ldc + j] = v;
      }
    }
  }
}
