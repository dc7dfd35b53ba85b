/**
 * Row-wise ops on the wasm kernels: Softmax and LogSoftmax over the last axis (or the coerced
 * 2-D view before opset 13), LayerNormalization, inference BatchNormalization,
 * InstanceNormalization and reductions over the last axis.
 */
import type { Tensor } from '../../ir/tensor.js';
import { ReduceOp, runChannelAffine, runInstanceNorm, runLayerNorm, runReduceRows, runSoftmax } from '../../runtime/wasm/params.js';
import type { FastKernel, FastNodeInfo, FastOp, FastRunContext } from './types.js';
import { floatInput, mayBeFloat, scratchFloats, sizeOfDims } from './util.js';

function createSoftmax(log: boolean) {
  return (info: FastNodeInfo): FastKernel | undefined => {
    if (!mayBeFloat(info, [0])) return undefined;
    const axis = info.attr.int('axis');
    const coerced = info.opset < 13;
    return {
      run(ctx: FastRunContext): boolean {
        const x = floatInput(ctx, 0);
        if (!x || x.rank === 0) return false;
        const a = axis < 0 ? axis + x.rank : axis;
        // From opset 13 the axis is one dim: only the last one makes contiguous rows.
        if (a < 0 || a >= x.rank || (!coerced && a !== x.rank - 1)) return false;
        const cols = sizeOfDims(x.dims.slice(a));
        const rows = cols === 0 ? 0 : x.size / cols;
        const px = ctx.ptr(0);
        const y = ctx.outputInPlace(0, x.dims, 0);
        runSoftmax(ctx.engine, px, y, rows, cols, log, ctx.threads);
        return true;
      },
    };
  };
}

/** Whether a parameter tensor covers exactly the normalized trailing dims (no broadcasting inside). */
function trailing(t: Tensor, cols: number): boolean {
  return t.size === cols;
}

function createLayerNorm(info: FastNodeInfo): FastKernel | undefined {
  if (!mayBeFloat(info, [0, 1, 2])) return undefined;
  const axis = info.attr.int('axis');
  const eps = info.attr.float('epsilon');
  // Statistics in another type than float are the reference's.
  if (info.attr.int('stash_type') !== 1) return undefined;
  const wantMean = info.node.outputs[1]?.name ? true : false;
  const wantInv = info.node.outputs[2]?.name ? true : false;
  return {
    run(ctx: FastRunContext): boolean {
      const x = floatInput(ctx, 0);
      const scale = floatInput(ctx, 1);
      const bias = ctx.input(2) ? floatInput(ctx, 2) : undefined;
      if (!x || !scale || (ctx.input(2) && !bias) || x.rank === 0) return false;
      const a = axis < 0 ? axis + x.rank : axis;
      if (a < 0 || a >= x.rank) return false;
      const cols = sizeOfDims(x.dims.slice(a));
      if (!trailing(scale, cols) || (bias && !trailing(bias, cols))) return false;
      const rows = cols === 0 ? 0 : x.size / cols;
      const statDims = x.dims.map((d, i) => (i < a ? d : 1));
      const px = ctx.ptr(0);
      const ps = ctx.ptr(1);
      const pb = bias ? ctx.ptr(2) : 0;
      const y = ctx.outputInPlace(0, x.dims, 0);
      const mean = wantMean ? ctx.output(1, statDims) : 0;
      const inv = wantInv ? ctx.output(2, statDims) : 0;
      runLayerNorm(ctx.engine, { x: px, y, rows, cols, scale: ps, bias: pb, epsilon: eps, meanOut: mean, invStdOut: inv }, ctx.threads);
      return true;
    },
  };
}

function createBatchNorm(info: FastNodeInfo): FastKernel | undefined {
  if (info.opset < 7 || !mayBeFloat(info, [0, 1, 2, 3, 4])) return undefined;
  if (info.node.outputs.slice(1).some((o) => o.name !== '')) return undefined;
  if (info.opset >= 14 && info.attr.int('training_mode') !== 0) return undefined;
  if (info.opset < 9 && info.attr.int('spatial') === 0) return undefined;
  const eps = info.attr.float('epsilon');
  return {
    run(ctx: FastRunContext): boolean {
      const x = floatInput(ctx, 0);
      const ps = [1, 2, 3, 4].map((i) => floatInput(ctx, i));
      if (!x || x.rank < 2 || ps.some((p) => !p)) return false;
      const C = x.dims[1]!;
      const [scale, bias, mean, variance] = ps.map((p) => p!.data() as Float32Array) as [Float32Array, Float32Array, Float32Array, Float32Array];
      if ([scale, bias, mean, variance].some((p) => p.length !== C)) return false;
      const s = new Float32Array(C);
      const t = new Float32Array(C);
      for (let c = 0; c < C; c++) {
        s[c] = scale[c]! / Math.sqrt(variance[c]! + eps);
        t[c] = bias[c]! - mean[c]! * s[c]!;
      }
      const px = ctx.ptr(0);
      const y = ctx.outputInPlace(0, x.dims, 0);
      const cols = sizeOfDims(x.dims.slice(2));
      runChannelAffine(ctx.engine, px, y, x.dims[0]! * C, cols, C, scratchFloats(ctx, s), scratchFloats(ctx, t), undefined, ctx.threads);
      return true;
    },
  };
}

function createInstanceNorm(info: FastNodeInfo): FastKernel | undefined {
  if (info.opset < 6 || !mayBeFloat(info, [0, 1, 2])) return undefined;
  const eps = info.attr.float('epsilon');
  return {
    run(ctx: FastRunContext): boolean {
      const x = floatInput(ctx, 0);
      const scale = floatInput(ctx, 1);
      const bias = floatInput(ctx, 2);
      if (!x || !scale || !bias || x.rank < 3) return false;
      const C = x.dims[1]!;
      if (scale.size !== C || bias.size !== C) return false;
      const cols = sizeOfDims(x.dims.slice(2));
      const px = ctx.ptr(0);
      const y = ctx.outputInPlace(0, x.dims, 0);
      runInstanceNorm(ctx.engine, px, y, x.dims[0]! * C, cols, C, ctx.ptr(1), ctx.ptr(2), eps, ctx.threads);
      return true;
    },
  };
}

/** Reductions over the last axis only (the common LayerNorm-by-hand pattern). */
function createReduce(op: number) {
  return (info: FastNodeInfo): FastKernel | undefined => {
    if (!mayBeFloat(info, [0])) return undefined;
    const keepdims = info.attr.int('keepdims') !== 0;
    const fromInput = info.opset >= 18 || (op === ReduceOp.SUM && info.opset >= 13);
    let axes: number[] | undefined;
    if (fromInput) {
      const t = info.constants[1];
      if (!info.node.inputs[1] || !t || !t.isLoaded) return undefined;
      axes = Array.from(t.data() as BigInt64Array, Number);
    } else axes = info.attr.optInts('axes');
    if (!axes || axes.length !== 1) return undefined;
    const axis = axes[0]!;
    return {
      run(ctx: FastRunContext): boolean {
        const x = floatInput(ctx, 0);
        if (!x || x.rank === 0) return false;
        const a = axis < 0 ? axis + x.rank : axis;
        const cols = x.dims[x.rank - 1]!;
        if (a !== x.rank - 1 || cols === 0) return false;
        const rows = x.size / cols;
        const dims = keepdims ? [...x.dims.slice(0, -1), 1] : x.dims.slice(0, -1);
        const px = ctx.ptr(0);
        const y = ctx.output(0, dims);
        runReduceRows(ctx.engine, op, px, y, rows, cols, ctx.threads);
        return true;
      },
    };
  };
}

export const rowFastOps: FastOp[] = [
  { opType: 'Softmax', create: createSoftmax(false) },
  { opType: 'LogSoftmax', create: createSoftmax(true) },
  { opType: 'LayerNormalization', create: createLayerNorm },
  { opType: 'BatchNormalization', create: createBatchNorm },
  { opType: 'InstanceNormalization', create: createInstanceNorm },
  { opType: 'ReduceMean', create: createReduce(ReduceOp.MEAN) },
  { opType: 'ReduceSum', create: createReduce(ReduceOp.SUM) },
  { opType: 'ReduceMax', create: createReduce(ReduceOp.MAX) },
  { opType: 'ReduceMin', create: createReduce(ReduceOp.MIN) },
];
