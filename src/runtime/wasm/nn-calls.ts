/** Parameter blocks and dispatch of the window (depthwise, pooling), transpose and LSTM kernels. */
import type { WasmEngine } from './engine.js';
import { ELEMENTS_PER_MS, GEMM_FLOPS_PER_MS, threadsFor } from './params.js';

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
   * A 3x3 depthwise filter with strides 1 or 2 across and no dilation may read the unpadded
   * planes instead: the padding above and left (H and W are then the unpadded sizes). Needs
   * depthwiseBorderFits.
   */
  border?: { PT: number; PL: number };
}

/** Whether the thread scratch holds what a 3x3 depthwise filter on unpadded planes needs (WindowCall.border). */
export function depthwiseBorderFits(e: WasmEngine, OW: number, SW: number, DH: number, DW: number): boolean {
  return (SW === 1 || SW === 2) && DH === 1 && DW === 1 && e.exports.depthwise3x3_scratch_bytes(OW, SW) <= e.scratchBytes;
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

/**
 * All steps of one direction of an LSTM at batch 1 on this thread (rnn.ts lstm_seq): h0 in hA;
 * returns the buffer holding the last h.
 */
export function runLstmSeq(e: WasmEngine, xw: number, packedR: number, H: number, Np: number, hA: number, hB: number, c: number, y: number, yStride: number, seq: number, reverse: boolean): number {
  const p = e.params();
  p.i32.set([xw, Np, packedR, H, hA, hB, c, y, yStride, seq, reverse ? 1 : 0], 0);
  e.exports.lstm_seq(p.ptr);
  return seq % 2 === 0 ? hA : hB;
}
