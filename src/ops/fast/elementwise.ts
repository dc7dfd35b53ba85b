/**
 * Binary arithmetic (Add, Sub, Mul, Div, Max, Min, PRelu, Pow by 2 or 0.5) on float32 with
 * numpy broadcasting, on the wasm kernel. A broadcast is reduced to a rows x cols pass where
 * each side is the full shape, a row vector, one value per row or one value, possibly repeated
 * over an outer dim (N of NCHW against a [C,1,1] bias).
 */
import { BinaryOp, Operand, runBinary, runUnary, UnaryOp } from '../../runtime/wasm/params.js';
import type { FastKernel, FastNodeInfo, FastOp, FastRunContext } from './types.js';
import { floatInput, mayBeFloat } from './util.js';

/** One pass of the binary kernel, repeated `outer` times with per-side strides (floats). */
export interface BroadcastLoop {
  outDims: number[];
  outer: number;
  rows: number;
  cols: number;
  aMode: number;
  bMode: number;
  aOuter: number;
  bOuter: number;
}

/** Plans a broadcast of dims a and b as at most an outer loop around a rows x cols pass. */
export function broadcastLoop(a: readonly number[], b: readonly number[]): BroadcastLoop | undefined {
  const r = Math.max(a.length, b.length);
  const pa = [...Array(r - a.length).fill(1), ...a] as number[];
  const pb = [...Array(r - b.length).fill(1), ...b] as number[];
  const outDims: number[] = [];
  // Segments of consecutive dims with the same (a full?, b full?) pattern, dims of 1 dropped.
  const segs: { n: number; fa: boolean; fb: boolean }[] = [];
  for (let d = 0; d < r; d++) {
    const x = pa[d]!;
    const y = pb[d]!;
    if (x !== y && x !== 1 && y !== 1) return undefined;
    const n = Math.max(x, y);
    outDims.push(x === 0 || y === 0 ? 0 : n);
    if (n === 1) continue;
    const fa = x !== 1;
    const fb = y !== 1;
    const last = segs[segs.length - 1];
    if (last && last.fa === fa && last.fb === fb) last.n *= n;
    else segs.push({ n, fa, fb });
  }
  const mode = (full: [boolean, boolean]): number => {
    const [outerFull, innerFull] = full;
    if (outerFull && innerFull) return Operand.FULL;
    if (innerFull) return Operand.ROW;
    if (outerFull) return Operand.PER_ROW;
    return Operand.SCALAR;
  };
  if (outDims.includes(0)) return { outDims, outer: 0, rows: 0, cols: 0, aMode: 0, bMode: 0, aOuter: 0, bOuter: 0 };
  if (segs.length === 0) segs.push({ n: 1, fa: true, fb: true });
  if (segs.length > 3) return undefined;
  const outer = segs.length === 3 ? segs.shift()! : { n: 1, fa: false, fb: false };
  // With one segment the pass is one row.
  const rowSeg = segs.length === 2 ? segs[0]! : { n: 1, fa: true, fb: true };
  const colSeg = segs[segs.length - 1]!;
  const inner = (full: boolean, seg: { n: number }) => (full ? seg.n : 1);
  return {
    outDims,
    outer: outer.n,
    rows: rowSeg.n,
    cols: colSeg.n,
    aMode: mode([rowSeg.fa, colSeg.fa]),
    bMode: mode([rowSeg.fb, colSeg.fb]),
    aOuter: outer.fa ? inner(rowSeg.fa, rowSeg) * inner(colSeg.fa, colSeg) : 0,
    bOuter: outer.fb ? inner(rowSeg.fb, rowSeg) * inner(colSeg.fb, colSeg) : 0,
  };
}

function binaryOp(op: number): (info: FastNodeInfo) => FastKernel | undefined {
  return (info) => {
    if (!mayBeFloat(info, [0, 1]) || info.node.inputs.length !== 2) return undefined;
    // Older versions broadcast differently (attribute-driven, or not at all): the reference runs them.
    const variadic = info.node.opType === 'Max' || info.node.opType === 'Min';
    if (info.opset < (variadic ? 8 : 7)) return undefined;
    return {
      run(ctx: FastRunContext): boolean {
        const a = floatInput(ctx, 0);
        const b = floatInput(ctx, 1);
        if (!a || !b) return false;
        const plan = broadcastLoop(a.dims, b.dims);
        if (!plan) return false;
        // PRelu broadcasts the slope to X only (unidirectional).
        if (op === BinaryOp.PRELU && plan.outDims.join(',') !== a.dims.join(',')) return false;
        const pa = ctx.ptr(0);
        const pb = ctx.ptr(1);
        // Written over an operand of the output's size (read element by element before the write).
        const n = plan.outDims.reduce((p, d) => p * d, 1);
        const y = a.size === n ? ctx.outputInPlace(0, plan.outDims, 0) : b.size === n ? ctx.outputInPlace(0, plan.outDims, 1) : ctx.output(0, plan.outDims);
        const per = plan.rows * plan.cols;
        for (let o = 0; o < plan.outer; o++) {
          runBinary(ctx.engine, op, pa + o * plan.aOuter * 4, plan.aMode, pb + o * plan.bOuter * 4, plan.bMode, y + o * per * 4, plan.rows, plan.cols, ctx.threads);
        }
        return true;
      },
    };
  };
}

/** Pow with a constant exponent of 2, 0.5 or 1 (what normalization layers spell out). */
function createPow(info: FastNodeInfo): FastKernel | undefined {
  if (info.opset < 7 || !mayBeFloat(info, [0, 1])) return undefined;
  const e = info.constants[1];
  if (!e || e.size !== 1 || !e.isLoaded) return undefined;
  const p = Number((e.data() as ArrayLike<number | bigint>)[0]);
  const op = p === 2 ? UnaryOp.SQUARE : p === 0.5 ? UnaryOp.SQRT : p === 1 ? UnaryOp.COPY : undefined;
  if (op === undefined) return undefined;
  return {
    run(ctx: FastRunContext): boolean {
      const x = floatInput(ctx, 0);
      const ex = ctx.input(1);
      if (!x || !ex || ex.rank > x.rank) return false;
      const px = ctx.ptr(0);
      const y = ctx.outputInPlace(0, x.dims, 0);
      runUnary(ctx.engine, op, px, y, x.size, ctx.threads);
      return true;
    },
  };
}

export const binaryFastOps: FastOp[] = [
  { opType: 'Add', create: binaryOp(BinaryOp.ADD) },
  { opType: 'Sub', create: binaryOp(BinaryOp.SUB) },
  { opType: 'Mul', create: binaryOp(BinaryOp.MUL) },
  { opType: 'Div', create: binaryOp(BinaryOp.DIV) },
  { opType: 'Max', create: binaryOp(BinaryOp.MAX) },
  { opType: 'Min', create: binaryOp(BinaryOp.MIN) },
  { opType: 'PRelu', create: binaryOp(BinaryOp.PRELU) },
  { opType: 'Pow', create: createPow },
];
