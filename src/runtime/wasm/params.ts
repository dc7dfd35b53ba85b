/**
 * Parameter blocks of the wasm kernels (src/wasm/assembly): op codes and slot layouts, and the
 * calls that fill a block and dispatch the kernel (elementwise and row kernels here; GEMM in
 * gemm-call.ts; windows, transposes and LSTM steps in nn-calls.ts). The slot numbers here and in the
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
export const GEMM_FLOPS_PER_MS = 25e6;
export const ELEMENTS_PER_MS = 2e6;
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
