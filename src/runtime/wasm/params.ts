/**
 * Parameter blocks of the wasm kernels (src/wasm/assembly): op codes and slot layouts, and the
 * calls that fill a block and dispatch the kernel. The slot numbers here and in the
 * AssemblyScript sources must agree; the fast-kernel tests compare every kernel with the
 * reference, so a mismatch fails them.
 */
import type { WasmEngine } from './engine.js';

export const UnaryOp = {
  RELU: 0,
  SIGMOID: 1,
  TANH: 2,
  EXP: 3,
  ERF: 4,
  GELU: 5,
  GELU_TANH: 6,
  NEG: 7,
  ABS: 8,
  SQRT: 9,
  RECIPROCAL: 10,
  CLIP: 11,
  LEAKY_RELU: 12,
  HARD_SIGMOID: 13,
  HARD_SWISH: 14,
  ELU: 15,
  SQUARE: 16,
  SILU: 17,
  AFFINE: 18,
  COPY: 19,
} as const;

export const BinaryOp = { ADD: 0, SUB: 1, MUL: 2, DIV: 3, MAX: 4, MIN: 5, PRELU: 6 } as const;

/** How a binary operand is read: the whole output shape, a row vector, one value per row, one value. */
export const Operand = { FULL: 0, ROW: 1, PER_ROW: 2, SCALAR: 3 } as const;

export const ReduceOp = { SUM: 0, MEAN: 1, MAX: 2, MIN: 3, SUM_SQUARE: 4 } as const;

/** Nominal single-thread speeds, to estimate whether a call is worth splitting across threads. */
const GEMM_FLOPS_PER_MS = 25e6;
const ELEMENTS_PER_MS = 2e6;
/** Calls estimated below this many ms run on one thread (waking a worker costs ~10-50 us). */
const SPLIT_MS = 0.2;

/** Threads for a call estimated at `ms` on one thread. */
export function threadsFor(ms: number, threads: number): number {
  return ms < SPLIT_MS ? 1 : threads;
}

/** Elements per work unit of elementwise kernels. */
const CHUNK = 16384;

/** y = op(x) over n floats. */
export function runUnary(e: WasmEngine, op: number, x: number, y: number, n: number, threads: number, a = 0, b = 0): void {
  if (n === 0) return;
  const p = e.params();
  p.i32[0] = op;
  p.i32[1] = x;
  p.i32[2] = y;
  p.i32[3] = n;
  p.f32[4] = a;
  p.f32[5] = b;
  p.i32[6] = CHUNK;
  const units = Math.ceil(n / CHUNK);
  // Transcendental ops cost ~10x a copy per element.
  const cost = op === UnaryOp.RELU || op === UnaryOp.NEG || op === UnaryOp.ABS || op === UnaryOp.CLIP || op === UnaryOp.COPY ? 1 : 8;
  e.run('unary', p.ptr, units, threadsFor((n * cost) / ELEMENTS_PER_MS, threads));
}

/** y = a op b over a rows x cols output with the operands read per their Operand mode. */
export function runBinary(
  e: WasmEngine,
  op: number,
  a: number,
  aMode: number,
  b: number,
  bMode: number,
  y: number,
  rows: number,
  cols: number,
  threads: number,
): void {
  const n = rows * cols;
  if (n === 0) return;
  const p = e.params();
  p.i32[0] = op;
  p.i32[1] = a;
  p.i32[2] = b;
  p.i32[3] = y;
  p.i32[4] = rows;
  p.i32[5] = cols;
  p.i32[6] = aMode;
  p.i32[7] = bMode;
  p.i32[8] = CHUNK;
  e.run('binary', p.ptr, Math.ceil(n / CHUNK), threadsFor(n / ELEMENTS_PER_MS, threads));
}

/** Softmax (or log-softmax) of each row. */
export function runSoftmax(e: WasmEngine, x: number, y: number, rows: number, cols: number, log: boolean, threads: number): void {
  if (rows * cols === 0) return;
  const p = e.params();
  p.i32[0] = x;
  p.i32[1] = y;
  p.i32[2] = rows;
  p.i32[3] = cols;
  p.i32[4] = log ? 1 : 0;
  e.run('softmax', p.ptr, rows, threadsFor((rows * cols * 10) / ELEMENTS_PER_MS, threads));
}

export interface LayerNormCall {
  x: number;
  y: number;
  rows: number;
  cols: number;
  scale: number;
  /** 0: none. */
  bias: number;
  epsilon: number;
  /** 0: not wanted. */
  meanOut: number;
  invStdOut: number;
}

export function runLayerNorm(e: WasmEngine, c: LayerNormCall, threads: number): void {
  if (c.rows * c.cols === 0) return;
  const p = e.params();
  p.i32[0] = c.x;
  p.i32[1] = c.y;
  p.i32[2] = c.rows;
  p.i32[3] = c.cols;
  p.i32[4] = c.scale;
  p.i32[5] = c.bias;
  p.f32[6] = c.epsilon;
  p.i32[7] = c.meanOut;
  p.i32[8] = c.invStdOut;
  e.run('layernorm', p.ptr, c.rows, threadsFor((c.rows * c.cols * 3) / ELEMENTS_PER_MS, threads));
}

/** Instance normalization of an (N*C) x spatial matrix; row r uses scale/bias of channel r % C. */
export function runInstanceNorm(e: WasmEngine, x: number, y: number, rows: number, cols: number, C: number, scale: number, bias: number, epsilon: number, threads: number): void {
  if (rows * cols === 0) return;
  const p = e.params();
  p.i32[0] = x;
  p.i32[1] = y;
  p.i32[2] = rows;
  p.i32[3] = cols;
  p.i32[4] = C;
  p.i32[5] = scale;
  p.i32[6] = bias;
  p.f32[7] = epsilon;
  e.run('instnorm', p.ptr, rows, threadsFor((rows * cols * 3) / ELEMENTS_PER_MS, threads));
}

/** y = x * scale[c] + shift[c] (clamped to [lo, hi] if given) with c = row % C. */
export function runChannelAffine(
  e: WasmEngine,
  x: number,
  y: number,
  rows: number,
  cols: number,
  C: number,
  scale: number,
  shift: number,
  clamp: readonly [number, number] | undefined,
  threads: number,
): void {
  if (rows * cols === 0) return;
  const p = e.params();
  p.i32[0] = x;
  p.i32[1] = y;
  p.i32[2] = rows;
  p.i32[3] = cols;
  p.i32[4] = C;
  p.i32[5] = scale;
  p.i32[6] = shift;
  p.f32[7] = clamp ? clamp[0] : 0;
  p.f32[8] = clamp ? clamp[1] : 0;
  p.i32[9] = clamp ? 1 : 0;
  e.run('channel_affine', p.ptr, rows, threadsFor((rows * cols) / ELEMENTS_PER_MS, threads));
}

/** y[r] = reduction of row r. */
export function runReduceRows(e: WasmEngine, op: number, x: number, y: number, rows: number, cols: number, threads: number): void {
  if (rows === 0) return;
  const p = e.params();
  p.i32[0] = x;
  p.i32[1] = y;
  p.i32[2] = rows;
  p.i32[3] = cols;
  p.i32[4] = op;
  e.run('reduce_rows', p.ptr, rows, threadsFor((rows * cols) / ELEMENTS_PER_MS, threads));
}

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

export const WindowMode = { DEPTHWISE: 0, MAX: 1, AVG: 2 } as const;

/** A 2-D sliding-window op over planes of NCHW data whose padding is in place (window.ts). */
export interface WindowCall {
  mode: number;
  /** Padded planes of H x W. */
  x: number;
  y: number;
  /** Depthwise: C filters of KH*KW weights; bias: C values or 0. */
  w?: number;
  bias?: number;
  planes: number;
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
  /** Average: divisors per output row (OH floats) and column (OW floats, padded to a multiple of 4). */
  rowDiv?: number;
  colDiv?: number;
  clamp?: readonly [number, number];
  /** Add to the values already in y. */
  accumulate?: boolean;
  /**
   * A 3x3 depthwise filter (strides 1 or 2) may read the unpadded planes instead: the padding
   * above and left (H and W are then the unpadded sizes). Needs W + 32 floats of thread scratch.
   */
  border?: { PT: number; PL: number };
}

export function runWindow(e: WasmEngine, c: WindowCall, threads: number): void {
  if (c.planes * c.OH * c.OW === 0) return;
  const p = e.params();
  const I = p.i32;
  I.set([c.mode, c.x, c.y, c.w ?? 0, c.bias ?? 0, c.C, c.H, c.W, c.KH, c.KW, c.SH, c.SW, c.DH, c.DW, c.rowDiv ?? 0, c.colDiv ?? 0, c.OH, c.OW, c.clamp ? 1 : 0], 0);
  p.f32[19] = c.clamp ? c.clamp[0] : 0;
  p.f32[20] = c.clamp ? c.clamp[1] : 0;
  I[21] = c.accumulate ? 1 : 0;
  I[22] = c.border?.PT ?? 0;
  I[23] = c.border?.PL ?? 0;
  I[24] = c.border ? 0 : 1;
  const taps = c.planes * c.OH * c.OW * c.KH * c.KW;
  e.run('window2d', p.ptr, c.planes, threadsFor(taps / (4 * ELEMENTS_PER_MS), threads));
}

/** The elementwise LSTM step on `batch` rows of gates (strides in floats; y 0: not written). */
export function runLstmCell(e: WasmEngine, gates: number, ldg: number, batch: number, H: number, c: number, h: number, y: number, ldy: number, threads: number): void {
  if (batch * H === 0) return;
  const p = e.params();
  p.i32.set([gates, ldg, H, c, h, y, ldy], 0);
  e.run('lstm_cell', p.ptr, batch, threadsFor((batch * H * 40) / ELEMENTS_PER_MS, threads));
}

/** A transpose with adjacent dims merged: output dims and the input stride of each. */
export interface TransposePlan {
  dims: number[];
  strides: number[];
}

/**
 * Merges the dims of a transpose (`dims`: output dims; `strides`: input stride in floats of each)
 * that stay adjacent; undefined when more than 6 remain.
 */
export function planTranspose(dims: readonly number[], strides: readonly number[]): TransposePlan | undefined {
  const d: number[] = [];
  const s: number[] = [];
  for (let i = 0; i < dims.length; i++) {
    if (dims[i] === 1) continue;
    const k = d.length - 1;
    if (k >= 0 && s[k] === strides[i]! * dims[i]!) {
      d[k] = d[k]! * dims[i]!;
      s[k] = strides[i]!;
    } else {
      d.push(dims[i]!);
      s.push(strides[i]!);
    }
  }
  if (d.length === 0) {
    d.push(1);
    s.push(1);
  }
  // Some dim is contiguous in the input unless dims of size 0 are involved.
  if (d.length > 6 || (s[d.length - 1] !== 1 && !s.includes(1) && !d.includes(0))) return undefined;
  return { dims: d, strides: s };
}

export function runTranspose(e: WasmEngine, x: number, y: number, plan: TransposePlan, threads: number): void {
  const { dims: d, strides: s } = plan;
  const n = d.reduce((a, b) => a * b, 1);
  if (n === 0) return;
  const r = d.length;
  const last = r - 1;
  // Rows when the innermost dim is contiguous in the input, else 2-D blocks with the dim that is.
  const pd = s[last] === 1 ? -1 : s.indexOf(1);
  const mode = pd < 0 ? 0 : 1;
  const p = e.params();
  p.i32.set([x, y, r, mode, Math.max(pd, 0)], 0);
  p.i32.set(d, 5);
  p.i32.set(s, 11);
  const units = mode === 0 ? n / d[last]! : n / (d[last]! * d[pd]!);
  e.run('transpose', p.ptr, units, threadsFor(n / ELEMENTS_PER_MS, threads));
}

/** One LSTM step at batch 1 with gate columns grouped by 8 units (rnn.ts lstm_step). */
export function runLstmStep(e: WasmEngine, xw: number, packedR: number, H: number, Np: number, hin: number, hout: number, c: number, y: number, threads: number): void {
  const p = e.params();
  p.i32.set([xw, packedR, H, Np, hin, hout, c, y], 0);
  const groups = Np / 32;
  e.run('lstm_step', p.ptr, groups, threadsFor((2 * H * Np) / GEMM_FLOPS_PER_MS, threads));
}
