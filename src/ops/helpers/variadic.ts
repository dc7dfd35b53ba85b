/**
 * Variadic elementwise ops (Sum, Mean, Max, Min): all inputs are accumulated into one buffer, so
 * narrow floats are rounded once at the end, doubles keep their precision and 64-bit integers
 * stay exact (wrapping like C on overflow).
 */
import { DataType, dtypeInfo, dtypeName, type NumericArray } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import type { FlopsContext, InferContext, InferFn, KernelContext, KernelFn } from '../types.js';
import { broadcastDims } from './broadcast.js';
import { encodeFloats, isNarrowFloat, toFloat32 } from './convert.js';
import { broadcastPlan } from './elementwise-math.js';

export type VariadicOp = 'sum' | 'mean' | 'max' | 'min';

/** Inputs of a variadic node as tensors, checking that they share one element type. */
function inputsOf(ctx: KernelContext): Tensor[] {
  const xs: Tensor[] = [];
  for (let i = 0; i < ctx.inputs.length; i++) xs.push(ctx.input(i));
  if (xs.length === 0) ctx.fail('expected at least one input, got none');
  const t = xs[0]!.dtype;
  for (const x of xs) if (x.dtype !== t) ctx.fail(`all inputs must have one type, got ${dtypeName(t)} and ${dtypeName(x.dtype)}`);
  return xs;
}

/**
 * The kernel of a variadic op. `broadcast` false (opset < 8): every input must have the same shape.
 * Max/Min propagate NaN.
 */
export function accumulatingKernel(op: VariadicOp, broadcast: boolean): KernelFn {
  return function variadic(ctx: KernelContext) {
    const xs = inputsOf(ctx);
    const dtype = xs[0]!.dtype;
    if (!broadcast) {
      const d0 = xs[0]!.dims.join(',');
      for (const x of xs) if (x.dims.join(',') !== d0) ctx.fail(`inputs must have one shape before opset 8, got [${d0}] and [${x.dims.join(',')}]`);
    }
    const plan = broadcastPlan(ctx, xs);
    const n = plan.size;
    if (dtype === DataType.INT64 || dtype === DataType.UINT64) {
      if (op === 'mean') ctx.fail(`does not apply to ${dtypeName(dtype)}`);
      const acc = dtype === DataType.INT64 ? new BigInt64Array(n) : new BigUint64Array(n);
      xs.forEach((x, k) => accumulateBig(acc, x.data() as BigInt64Array, plan.index[k], n, k === 0 ? 'first' : op));
      return [Tensor.fromData(dtype, plan.dims, acc)];
    }
    const info = dtypeInfo(dtype);
    if (!info.array || info.lanes !== 1 || dtype === DataType.BOOL) ctx.fail(`does not apply to ${dtypeName(dtype)}`);
    const acc = new Float64Array(n);
    // Narrow floats are decoded to float32; other types are read in place (exact in float64).
    xs.forEach((x, k) => accumulate(acc, isNarrowFloat(dtype) ? toFloat32(x) : (x.data() as NumericArray), plan.index[k], n, k === 0 ? 'first' : op));
    if (op === 'mean') {
      const c = xs.length;
      for (let i = 0; i < n; i++) acc[i] = acc[i]! / c;
    }
    return [Tensor.fromData(dtype, plan.dims, encodeFloats(dtype, acc))];
  };
}

function accumulate(acc: Float64Array, x: NumericArray, idx: Int32Array | undefined, n: number, op: VariadicOp | 'first'): void {
  switch (op) {
    case 'first':
      for (let i = 0; i < n; i++) acc[i] = x[idx ? idx[i]! : i]!;
      return;
    case 'sum':
    case 'mean':
      for (let i = 0; i < n; i++) acc[i] += x[idx ? idx[i]! : i]!;
      return;
    case 'max':
      for (let i = 0; i < n; i++) {
        const v = x[idx ? idx[i]! : i]!;
        if (v > acc[i]! || v !== v) acc[i] = v;
      }
      return;
    case 'min':
      for (let i = 0; i < n; i++) {
        const v = x[idx ? idx[i]! : i]!;
        if (v < acc[i]! || v !== v) acc[i] = v;
      }
      return;
  }
}

function accumulateBig(acc: BigInt64Array | BigUint64Array, x: BigInt64Array, idx: Int32Array | undefined, n: number, op: VariadicOp | 'first'): void {
  const a = acc as BigInt64Array;
  switch (op) {
    case 'first':
      for (let i = 0; i < n; i++) a[i] = x[idx ? idx[i]! : i]!;
      return;
    case 'sum':
    case 'mean':
      for (let i = 0; i < n; i++) a[i] = a[i]! + x[idx ? idx[i]! : i]!;
      return;
    case 'max':
      for (let i = 0; i < n; i++) {
        const v = x[idx ? idx[i]! : i]!;
        if (v > a[i]!) a[i] = v;
      }
      return;
    case 'min':
      for (let i = 0; i < n; i++) {
        const v = x[idx ? idx[i]! : i]!;
        if (v < a[i]!) a[i] = v;
      }
      return;
  }
}

/** Inference of a variadic op: the broadcast of all inputs, or (opset < 8) their common shape. */
export function variadicInfer(broadcast: boolean): InferFn {
  return function inferVariadic(ctx: InferContext): (ValueType | undefined)[] {
    const shapes = [];
    let elemType = DataType.UNDEFINED;
    for (let i = 0; i < ctx.inputCount; i++) {
      const input = ctx.input(i);
      shapes.push(input.shape);
      if (input.elemType === DataType.UNDEFINED) continue;
      if (elemType !== DataType.UNDEFINED && input.elemType !== elemType) {
        ctx.fail(`all inputs must have one type, got ${dtypeName(elemType)} and ${dtypeName(input.elemType)}`);
      }
      elemType = input.elemType;
    }
    if (broadcast) return [tensorType(elemType, broadcastDims(shapes, (m) => ctx.fail(m)))];
    let out: Dim[] | undefined;
    for (const s of shapes) {
      if (!s) continue;
      if (!out) {
        out = [...s];
        continue;
      }
      if (s.length !== out.length) ctx.fail(`inputs must have one shape before opset 8, got ranks ${out.length} and ${s.length}`);
      s.forEach((d, i) => {
        const o = out![i]!;
        if (typeof d === 'number' && typeof o === 'number' && d !== o) ctx.fail(`inputs must have one shape before opset 8, got [${out!.join(',')}] and [${s.join(',')}]`);
        if (typeof d === 'number' || o === null) out![i] = d;
      });
    }
    return [tensorType(elemType, out)];
  };
}

/** FLOPs of a variadic op: one per output element per combining step (`extra` adds Mean's division). */
export function variadicFlops(extra: number): (ctx: FlopsContext) => number | undefined {
  return (ctx) => {
    const size = ctx.outputShape(0)?.reduce((a, b) => a * b, 1);
    return size === undefined ? undefined : size * Math.max(0, ctx.node.inputs.length - 1 + extra);
  };
}
