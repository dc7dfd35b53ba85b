/**
 * Cumulative sums and products along an axis given as a 0-D input (CumSum, CumProd), with the
 * `exclusive` and `reverse` attributes.
 */
import { DataType, dtypeName } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import type { ValueType } from '../../ir/types.js';
import type { InferContext, KernelContext, KernelFn } from '../types.js';
import { normalizeAxis } from './axes.js';
import { encodeFloats, isNarrowFloat, sizeOf, toFloat32, toInts } from './convert.js';

type Acc = Float64Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array;

/**
 * Scans `x` (outer x n x inner) along the middle axis into `y`, with the running value kept in
 * `acc` (one per inner position). Integer accumulators wrap on store like C arithmetic.
 */
function scan(
  x: ArrayLike<number | bigint>,
  y: Acc,
  acc: Acc,
  outer: number,
  n: number,
  inner: number,
  prod: boolean,
  exclusive: boolean,
  reverse: boolean,
): void {
  const big = acc instanceof BigInt64Array || acc instanceof BigUint64Array;
  const imul = acc instanceof Int32Array || acc instanceof Uint32Array;
  for (let o = 0; o < outer; o++) {
    if (big) (acc as BigInt64Array).fill(prod ? 1n : 0n);
    else (acc as Float64Array).fill(prod ? 1 : 0);
    for (let s = 0; s < n; s++) {
      const k = reverse ? n - 1 - s : s;
      const base = (o * n + k) * inner;
      if (big) {
        const a = acc as BigInt64Array;
        const xs = x as BigInt64Array;
        const ys = y as BigInt64Array;
        for (let i = 0; i < inner; i++) {
          if (exclusive) ys[base + i] = a[i]!;
          a[i] = prod ? a[i]! * xs[base + i]! : a[i]! + xs[base + i]!;
          if (!exclusive) ys[base + i] = a[i]!;
        }
      } else {
        const a = acc as Float64Array;
        const xs = x as Float64Array;
        const ys = y as Float64Array;
        for (let i = 0; i < inner; i++) {
          if (exclusive) ys[base + i] = a[i]!;
          a[i] = prod ? (imul ? Math.imul(a[i]!, xs[base + i]!) : a[i]! * xs[base + i]!) : a[i]! + xs[base + i]!;
          if (!exclusive) ys[base + i] = a[i]!;
        }
      }
    }
  }
}

/** The array type that holds running values of `dtype` (float64 for floats and small ints). */
function accArray(dtype: DataType, n: number): Acc {
  switch (dtype) {
    case DataType.INT64:
      return new BigInt64Array(n);
    case DataType.UINT64:
      return new BigUint64Array(n);
    case DataType.INT32:
      return new Int32Array(n);
    case DataType.UINT32:
      return new Uint32Array(n);
    default:
      return new Float64Array(n);
  }
}

/** A kernel for CumSum (prod = false) or CumProd. */
export function cumulativeKernel(prod: boolean): KernelFn {
  return function cumulative(ctx: KernelContext) {
    const x = ctx.input(0);
    const axisT = ctx.input(1);
    if (axisT.size !== 1 || axisT.rank > 1) ctx.fail(`axis must be a 0-D tensor, got shape [${axisT.dims.join(',')}]`);
    if (x.dtype === DataType.STRING || x.dtype === DataType.BOOL) ctx.fail(`does not apply to ${dtypeName(x.dtype)}`);
    // A scalar input scans as a 1-element vector.
    const dims = x.rank === 0 ? [1] : x.dims;
    const axis = normalizeAxis(toInts(axisT)[0]!, dims.length, (m) => ctx.fail(m));
    const n = dims[axis]!;
    const outer = sizeOf(dims.slice(0, axis));
    const inner = sizeOf(dims.slice(axis + 1));
    const exclusive = ctx.attr.int('exclusive') !== 0;
    const reverse = ctx.attr.int('reverse') !== 0;
    const data = isNarrowFloat(x.dtype) ? toFloat32(x) : (x.data() as ArrayLike<number | bigint>);
    const y = accArray(x.dtype, x.size);
    scan(data, y, accArray(x.dtype, inner), outer, n, inner, prod, exclusive, reverse);
    if (y instanceof Float64Array) return [Tensor.fromData(x.dtype, x.dims, encodeFloats(x.dtype, y))];
    return [Tensor.fromData(x.dtype, x.dims, y)];
  };
}

/** Inference for CumSum/CumProd: the type of x; a constant axis is checked against its rank. */
export function cumulativeInfer(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const axis = ctx.input(1);
  if (axis.shape && axis.shape.length > 1) ctx.fail(`axis must be a 0-D tensor, got rank ${axis.shape.length}`);
  if (axis.value && x.shape) normalizeAxis(toInts(axis.value)[0]!, Math.max(1, x.shape.length), (m) => ctx.fail(m));
  return [x.type];
}
