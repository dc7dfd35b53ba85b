/**
 * Kernels and inference for elementwise operators. One factory per arity builds a kernel that
 * handles every dtype: numbers directly on typed arrays, 64-bit integers exactly with bigint,
 * narrow floats in float32 with one rounding at the end, strings where the op allows them.
 */
import { DataType, dtypeName, type TypedArray } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { OnnxError } from '../../util/errors.js';
import type { InferContext, InferFn, KernelContext, KernelFn } from '../types.js';
import { broadcastDims, broadcastIndex, broadcastShapes, legacyBroadcastDims } from './broadcast.js';
import { encodeFloats, isNarrowFloat, sizeOf, toFloat32 } from './convert.js';

export interface ElementwiseFns {
  /** The operation on numbers (floats, ints up to 32 bits, bool as 0/1). */
  num?: (a: number, b: number) => number;
  /** The operation on 64-bit integers; needed for int64/uint64 inputs. */
  big?: (a: bigint, b: bigint) => bigint | number | boolean;
  /** The operation on strings (Equal). */
  str?: (a: string, b: string) => number | boolean;
  /** Output element type; default: the type of input 0. */
  out?: (inType: DataType) => DataType;
}

/** The shape of a broadcast of tensors, or a kernel failure naming the shapes. */
export function broadcastOrFail(ctx: KernelContext, tensors: readonly Tensor[]): number[] {
  const out = broadcastShapes(tensors.map((t) => t.dims));
  if (!out) ctx.fail(`shapes ${tensors.map((t) => `[${t.dims.join(',')}]`).join(' and ')} cannot be broadcast`);
  return out;
}

function newArrayOf(dtype: DataType, n: number): TypedArray {
  switch (dtype) {
    case DataType.FLOAT:
      return new Float32Array(n);
    case DataType.DOUBLE:
      return new Float64Array(n);
    case DataType.INT8:
      return new Int8Array(n);
    case DataType.UINT8:
    case DataType.BOOL:
      return new Uint8Array(n);
    case DataType.INT16:
      return new Int16Array(n);
    case DataType.UINT16:
      return new Uint16Array(n);
    case DataType.INT32:
      return new Int32Array(n);
    case DataType.UINT32:
      return new Uint32Array(n);
    case DataType.INT64:
      return new BigInt64Array(n);
    case DataType.UINT64:
      return new BigUint64Array(n);
    default:
      throw new OnnxError('E_UNSUPPORTED_DTYPE', `elementwise kernels do not handle ${dtypeName(dtype)}`);
  }
}

function finish(dtype: DataType, dims: readonly number[], data: TypedArray): Tensor {
  if (isNarrowFloat(dtype)) return Tensor.fromData(dtype, dims, encodeFloats(dtype, data as Float32Array));
  return Tensor.fromData(dtype, dims, data);
}

/** Reads inputs in their computing form: float32 for narrow floats, the data itself otherwise. */
function computeInput(t: Tensor): TypedArray | string[] {
  return isNarrowFloat(t.dtype) ? toFloat32(t) : t.data();
}

/** A kernel for a binary elementwise op with broadcasting (Add, Equal, And, Pow ...). */
export function binaryKernel(fns: ElementwiseFns): KernelFn {
  return function binaryElementwise(ctx: KernelContext) {
    const a = ctx.input(0);
    const b = ctx.input(1);
    const outType = fns.out ? fns.out(a.dtype) : a.dtype;
    const dims = broadcastOrFail(ctx, [a, b]);
    const n = sizeOf(dims);
    const ad = computeInput(a);
    const bd = computeInput(b);
    const out = isNarrowFloat(outType) ? new Float32Array(n) : newArrayOf(outType, n);
    const same = a.size === n && b.size === n;
    const [ia, ib] = same ? [undefined, undefined] : broadcastIndex([a.dims, b.dims], dims);
    const at = (i: number) => (ia ? ia[i]! : i);
    const bt = (i: number) => (ib ? ib[i]! : i);
    if (Array.isArray(ad)) {
      if (!fns.str) ctx.fail(`does not apply to strings`);
      const o = out as unknown as number[];
      for (let i = 0; i < n; i++) o[i] = Number(fns.str(ad[at(i)]!, (bd as string[])[bt(i)]!));
    } else if (ad instanceof BigInt64Array || ad instanceof BigUint64Array) {
      if (!fns.big) ctx.fail(`does not apply to ${dtypeName(a.dtype)}`);
      const bb = bd as BigInt64Array;
      const big = out instanceof BigInt64Array || out instanceof BigUint64Array;
      for (let i = 0; i < n; i++) {
        const r = fns.big(ad[at(i)]!, bb[bt(i)]!);
        if (big) (out as BigInt64Array)[i] = typeof r === 'bigint' ? r : BigInt(Number(r));
        else (out as Uint8Array)[i] = Number(r);
      }
    } else {
      if (!fns.num) ctx.fail(`does not apply to ${dtypeName(a.dtype)}`);
      const f = fns.num;
      const bb = bd as Float32Array;
      const o = out as Float32Array;
      if (same) for (let i = 0; i < n; i++) o[i] = f(ad[i]!, bb[i]!);
      else for (let i = 0; i < n; i++) o[i] = f(ad[ia![i]!]!, bb[ib![i]!]!);
    }
    return [finish(outType, dims, out)];
  };
}

/** A kernel for a unary elementwise op (Abs, Exp, Not ...). */
export function unaryKernel(fns: {
  num?: (x: number) => number;
  big?: (x: bigint) => bigint;
  str?: (x: string) => string;
  out?: (inType: DataType) => DataType;
}): KernelFn {
  return function unaryElementwise(ctx: KernelContext) {
    const x = ctx.input(0);
    const outType = fns.out ? fns.out(x.dtype) : x.dtype;
    const n = x.size;
    const xd = computeInput(x);
    if (Array.isArray(xd)) {
      if (!fns.str) ctx.fail('does not apply to strings');
      return [Tensor.fromData(outType, x.dims, xd.map(fns.str))];
    }
    if (xd instanceof BigInt64Array || xd instanceof BigUint64Array) {
      if (fns.big) {
        const out = newArrayOf(outType, n) as BigInt64Array;
        for (let i = 0; i < n; i++) out[i] = fns.big(xd[i]!);
        return [Tensor.fromData(outType, x.dims, out)];
      }
      if (!fns.num) ctx.fail(`does not apply to ${dtypeName(x.dtype)}`);
      const f = fns.num;
      const out = isNarrowFloat(outType) ? new Float32Array(n) : newArrayOf(outType, n);
      if (out instanceof BigInt64Array || out instanceof BigUint64Array) {
        for (let i = 0; i < n; i++) out[i] = BigInt(Math.trunc(f(Number(xd[i]!))));
      } else {
        for (let i = 0; i < n; i++) (out as Float64Array)[i] = f(Number(xd[i]!));
      }
      return [finish(outType, x.dims, out)];
    }
    if (!fns.num) ctx.fail(`does not apply to ${dtypeName(x.dtype)}`);
    const f = fns.num;
    const out = isNarrowFloat(outType) ? new Float32Array(n) : newArrayOf(outType, n);
    if (out instanceof BigInt64Array || out instanceof BigUint64Array) {
      for (let i = 0; i < n; i++) out[i] = BigInt(Math.trunc(f(xd[i]!)));
    } else {
      const o = out as Float32Array;
      for (let i = 0; i < n; i++) o[i] = f(xd[i]!);
    }
    return [finish(outType, x.dims, out)];
  };
}

/** Inference for elementwise ops: the broadcast of all given inputs; element type of input 0 or `outType`. */
export function elementwiseInfer(outType?: DataType): InferFn {
  return function inferElementwise(ctx: InferContext): (ValueType | undefined)[] {
    const shapes = [];
    for (let i = 0; i < ctx.inputCount; i++) if (ctx.has(i)) shapes.push(ctx.input(i).shape);
    const shape = broadcastDims(shapes, (m) => ctx.fail(m));
    return [tensorType(outType ?? ctx.input(0).elemType, shape)];
  };
}

/** Inference for ops whose single output has the type and shape of input 0. */
export function sameAsInput(ctx: InferContext): (ValueType | undefined)[] {
  return [ctx.input(0).type];
}


/**
 * Kernel wrapper for binary ops before opset 7 (Add-1/6, Sub, Mul, Div, Pow-1...): with
 * `broadcast=1`, B is aligned to A at `axis` (limited broadcasting); otherwise shapes must match.
 */
export function withLegacyBroadcast(kernel: KernelFn): KernelFn {
  return function legacyBroadcast(ctx: KernelContext) {
    const a = ctx.input(0);
    const b = ctx.input(1);
    if (ctx.attr.int('broadcast') === 0) {
      if (a.dims.join(',') !== b.dims.join(',')) ctx.fail(`shapes [${a.dims}] and [${b.dims}] differ and broadcast=0`);
      return kernel(ctx);
    }
    const dims = legacyBroadcastDims(a.dims, b.dims, ctx.attr.optInt('axis'));
    const b2 = Tensor.fromData(b.dtype, dims, b.data());
    return kernel({ ...ctx, attr: ctx.attr, input: (i: number) => (i === 1 ? b2 : ctx.input(i)), inputs: [a, b2] } as KernelContext);
  };
}

/** Inference for binary ops before opset 7: the output has A's shape. */
export function legacyBinaryInfer(ctx: InferContext): (ValueType | undefined)[] {
  return [ctx.input(0).type];
}
