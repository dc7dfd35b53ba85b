/** Generalized cosine windows (Hann, Hamming, Blackman) shared by the window operators. */
import { DataType, dtypeName, isKnownDataType } from '../../ir/dtype.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import type { InferContext, InferFn, KernelContext, KernelFn } from '../types.js';
import { scalarOf, tensorFromFloats } from './convert.js';

/** Output types a window (or MelWeightMatrix) may have: the numeric tensors of opset 13. */
const NUMERIC = new Set([
  DataType.UINT8,
  DataType.UINT16,
  DataType.UINT32,
  DataType.UINT64,
  DataType.INT8,
  DataType.INT16,
  DataType.INT32,
  DataType.INT64,
  DataType.FLOAT16,
  DataType.FLOAT,
  DataType.DOUBLE,
  DataType.BFLOAT16,
]);

/** The output_datatype attribute, checked against the numeric types. */
export function numericOutputType(attr: InferContext['attr'], fail: (m: string) => never): DataType {
  const t = attr.int('output_datatype');
  if (!isKnownDataType(t) || !NUMERIC.has(t)) fail(`output_datatype ${t} (${isKnownDataType(t) ? dtypeName(t) : 'unknown'}) is not a numeric type`);
  return t;
}

/**
 * w[n] = a0 - a1 cos(2 pi n / N) + a2 cos(4 pi n / N), N = size (periodic) or size - 1
 * (symmetric); a symmetric window of size 1 is [1].
 */
export function cosineWindow(size: number, periodic: boolean, a0: number, a1: number, a2: number): Float64Array {
  const out = new Float64Array(size);
  const N = periodic ? size : size - 1;
  if (N === 0) {
    out.fill(1);
    return out;
  }
  for (let n = 0; n < size; n++) {
    const t = (2 * Math.PI * n) / N;
    out[n] = a0 - a1 * Math.cos(t) + a2 * Math.cos(2 * t);
  }
  return out;
}

/** Kernel of a cosine window op with the given coefficients. */
export function windowKernel(a0: number, a1: number, a2: number): KernelFn {
  return function windowOp(ctx: KernelContext) {
    const fail: (m: string) => never = (m) => ctx.fail(m);
    const sizeT = ctx.input(0);
    if (sizeT.size !== 1) fail(`size must be a scalar, got shape [${sizeT.dims.join(',')}]`);
    const size = scalarOf(sizeT);
    if (size < 0) fail(`size must not be negative, got ${size}`);
    const dtype = numericOutputType(ctx.attr, fail);
    const w = cosineWindow(size, ctx.attr.int('periodic') !== 0, a0, a1, a2);
    return [tensorFromFloats(dtype, [size], w)];
  };
}

/** Inference of a window op: [size] of output_datatype. */
export const windowInfer: InferFn = (ctx: InferContext): (ValueType | undefined)[] => {
  const fail: (m: string) => never = (m) => ctx.fail(m);
  const dtype = numericOutputType(ctx.attr, fail);
  const s = ctx.input(0);
  if (s.shape && s.shape.length > 1) fail(`size must be a scalar, got rank ${s.shape.length}`);
  const v = s.symbolic;
  const n = v && v.length === 1 ? v[0]! : null;
  if (typeof n === 'number' && n < 0) fail(`size must not be negative, got ${n}`);
  return [tensorType(dtype, [n])];
};
