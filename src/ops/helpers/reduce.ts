/**
 * Reductions over a set of axes (the Reduce* family, ArgMax/ArgMin, and any op that needs a sum
 * or a max over some axes): output shapes, axis resolution for every Reduce* version, and
 * strided kernels for every numeric type.
 */
import { DataType, dtypeName, type TypedArray } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { OnnxError } from '../../util/errors.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import type { InferContext, InferFn, KernelContext, KernelFn } from '../types.js';
import { normalizeAxes, normalizeAxis } from './axes.js';
import { stridesOf } from './broadcast.js';
import { encodeFloats, isNarrowFloat, sizeOf, toFloat32, toInts } from './convert.js';

/** The reductions of the Reduce* operators. */
export type ReduceKind = 'sum' | 'mean' | 'prod' | 'max' | 'min' | 'l1' | 'l2' | 'sumsquare' | 'logsum' | 'logsumexp';

/** The dims after reducing `axes` (normalized): kept as 1 with keepdims, dropped otherwise. */
export function reducedDims<D extends Dim>(dims: readonly D[], axes: readonly number[], keepdims: boolean): (D | 1)[] {
  const out: (D | 1)[] = [];
  for (let i = 0; i < dims.length; i++) {
    if (!axes.includes(i)) out.push(dims[i]!);
    else if (keepdims) out.push(1);
  }
  return out;
}

/**
 * How to walk a reduction: `outer[o]` is the input offset where output element o's block starts
 * (outputs in row-major order), `inner[r]` the offset of the r-th reduced element in a block.
 */
export interface ReducePlan {
  readonly outDims: number[];
  readonly outer: Int32Array;
  readonly inner: Int32Array;
}

/** Offsets of every position of `dims` walked with `strides`, in row-major order. */
function walkOffsets(dims: readonly number[], strides: readonly number[]): Int32Array {
  const n = sizeOf(dims);
  const out = new Int32Array(n);
  if (n === 0) return out;
  const rank = dims.length;
  const counter = new Array<number>(rank).fill(0);
  let off = 0;
  for (let i = 0; i < n; i++) {
    out[i] = off;
    for (let d = rank - 1; d >= 0; d--) {
      counter[d]++;
      off += strides[d]!;
      if (counter[d]! < dims[d]!) break;
      off -= strides[d]! * dims[d]!;
      counter[d] = 0;
    }
  }
  return out;
}

/** The walk of a reduction of a tensor of `dims` over `axes` (normalized, no repeats). */
export function reducePlan(dims: readonly number[], axes: readonly number[], keepdims: boolean): ReducePlan {
  const strides = stridesOf(dims);
  const keptDims: number[] = [];
  const keptStrides: number[] = [];
  const redDims: number[] = [];
  const redStrides: number[] = [];
  dims.forEach((d, i) => {
    if (axes.includes(i)) {
      redDims.push(d);
      redStrides.push(strides[i]!);
    } else {
      keptDims.push(d);
      keptStrides.push(strides[i]!);
    }
  });
  return {
    outDims: reducedDims(dims, axes, keepdims),
    outer: walkOffsets(keptDims, keptStrides),
    inner: walkOffsets(redDims, redStrides),
  };
}

/** Lowest and highest value of a numeric type (the identities of max and min). */
function typeBounds(dtype: DataType): [number, number] {
  switch (dtype) {
    case DataType.BOOL:
    case DataType.UINT8:
      return dtype === DataType.BOOL ? [0, 1] : [0, 255];
    case DataType.INT8:
      return [-128, 127];
    case DataType.UINT16:
      return [0, 65535];
    case DataType.INT16:
      return [-32768, 32767];
    case DataType.UINT32:
      return [0, 4294967295];
    case DataType.INT32:
      return [-2147483648, 2147483647];
    default:
      return [-Infinity, Infinity];
  }
}

/** Reduces number data along a plan, computing in float64. */
export function reduceNumbers(x: ArrayLike<number>, plan: ReducePlan, kind: ReduceKind): Float64Array {
  const { outer, inner } = plan;
  const n = outer.length;
  const r = inner.length;
  const out = new Float64Array(n);
  switch (kind) {
    case 'sum':
    case 'mean':
    case 'logsum':
      for (let o = 0; o < n; o++) {
        const b = outer[o]!;
        let s = 0;
        for (let k = 0; k < r; k++) s += x[b + inner[k]!]!;
        out[o] = kind === 'sum' ? s : kind === 'mean' ? s / r : Math.log(s);
      }
      return out;
    case 'l1':
      for (let o = 0; o < n; o++) {
        const b = outer[o]!;
        let s = 0;
        for (let k = 0; k < r; k++) s += Math.abs(x[b + inner[k]!]!);
        out[o] = s;
      }
      return out;
    case 'sumsquare':
    case 'l2':
      for (let o = 0; o < n; o++) {
        const b = outer[o]!;
        let s = 0;
        for (let k = 0; k < r; k++) {
          const v = x[b + inner[k]!]!;
          s += v * v;
        }
        out[o] = kind === 'l2' ? Math.sqrt(s) : s;
      }
      return out;
    case 'prod':
      for (let o = 0; o < n; o++) {
        const b = outer[o]!;
        let s = 1;
        for (let k = 0; k < r; k++) s *= x[b + inner[k]!]!;
        out[o] = s;
      }
      return out;
    case 'max':
      for (let o = 0; o < n; o++) {
        const b = outer[o]!;
        let m = -Infinity;
        for (let k = 0; k < r; k++) {
          const v = x[b + inner[k]!]!;
          if (v > m || v !== v) m = v;
          if (m !== m) break;
        }
        out[o] = m;
      }
      return out;
    case 'min':
      for (let o = 0; o < n; o++) {
        const b = outer[o]!;
        let m = Infinity;
        for (let k = 0; k < r; k++) {
          const v = x[b + inner[k]!]!;
          if (v < m || v !== v) m = v;
          if (m !== m) break;
        }
        out[o] = m;
      }
      return out;
    case 'logsumexp':
      for (let o = 0; o < n; o++) {
        const b = outer[o]!;
        let m = -Infinity;
        for (let k = 0; k < r; k++) {
          const v = x[b + inner[k]!]!;
          if (v > m || v !== v) m = v;
        }
        if (!Number.isFinite(m)) {
          out[o] = m; // empty or all -inf: -inf; any +inf: +inf; NaN: NaN
          continue;
        }
        let s = 0;
        for (let k = 0; k < r; k++) s += Math.exp(x[b + inner[k]!]! - m);
        out[o] = m + Math.log(s);
      }
      return out;
  }
}

/** Sum, product, sum of squares and L1 of int32/uint32 data, wrapping like 32-bit C arithmetic. */
function reduceInt32Wrapping(x: Int32Array | Uint32Array, plan: ReducePlan, kind: 'sum' | 'prod' | 'sumsquare' | 'l1', out: Int32Array | Uint32Array): void {
  const { outer, inner } = plan;
  const n = outer.length;
  const r = inner.length;
  for (let o = 0; o < n; o++) {
    const b = outer[o]!;
    let s = kind === 'prod' ? 1 : 0;
    if (kind === 'prod') for (let k = 0; k < r; k++) s = Math.imul(s, x[b + inner[k]!]!);
    else if (kind === 'sumsquare') {
      for (let k = 0; k < r; k++) {
        const v = x[b + inner[k]!]!;
        s = (s + Math.imul(v, v)) | 0;
      }
    } else if (kind === 'l1') for (let k = 0; k < r; k++) s = (s + Math.abs(x[b + inner[k]!]!)) | 0;
    else for (let k = 0; k < r; k++) s = (s + x[b + inner[k]!]!) | 0;
    out[o] = s;
  }
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** Reduces int64/uint64 data exactly (wrapping on store); log/sqrt kinds go through float64. */
function reduceBigInts(x: BigInt64Array | BigUint64Array, plan: ReducePlan, kind: ReduceKind, out: BigInt64Array | BigUint64Array): void {
  const { outer, inner } = plan;
  const n = outer.length;
  const r = inner.length;
  const unsigned = x instanceof BigUint64Array;
  if (kind === 'l2' || kind === 'logsum' || kind === 'logsumexp') {
    const f = reduceNumbers(Array.from(x, Number), plan, kind);
    for (let o = 0; o < n; o++) {
      const v = f[o]!;
      out[o] = Number.isFinite(v) ? BigInt(Math.trunc(v)) : 0n;
    }
    return;
  }
  for (let o = 0; o < n; o++) {
    const b = outer[o]!;
    let s: bigint;
    switch (kind) {
      case 'sum':
      case 'mean':
        s = 0n;
        for (let k = 0; k < r; k++) s += x[b + inner[k]!]!;
        if (kind === 'mean') s = r === 0 ? 0n : s / BigInt(r);
        break;
      case 'l1':
        s = 0n;
        for (let k = 0; k < r; k++) {
          const v = x[b + inner[k]!]!;
          s += v < 0n ? -v : v;
        }
        break;
      case 'sumsquare':
        s = 0n;
        for (let k = 0; k < r; k++) {
          const v = x[b + inner[k]!]!;
          s += v * v;
        }
        break;
      case 'prod':
        s = 1n;
        for (let k = 0; k < r; k++) s = BigInt.asIntN(64, s * x[b + inner[k]!]!);
        break;
      case 'max':
        s = unsigned ? 0n : INT64_MIN;
        for (let k = 0; k < r; k++) {
          const v = x[b + inner[k]!]!;
          if (v > s) s = v;
        }
        break;
      default:
        s = unsigned ? UINT64_MAX : INT64_MAX;
        for (let k = 0; k < r; k++) {
          const v = x[b + inner[k]!]!;
          if (v < s) s = v;
        }
        break;
    }
    out[o] = unsigned ? BigInt.asUintN(64, s) : BigInt.asIntN(64, s);
  }
}

/** Reduces a numeric tensor over `axes` (normalized; empty = reduce nothing, element by element). */
export function reduceTensor(x: Tensor, axes: readonly number[], keepdims: boolean, kind: ReduceKind): Tensor {
  const plan = reducePlan(x.dims, axes, keepdims);
  const dtype = x.dtype;
  if (dtype === DataType.STRING) throw new OnnxError('E_KERNEL', `cannot reduce ${dtypeName(dtype)} values`);
  if (dtype === DataType.INT64 || dtype === DataType.UINT64) {
    const out = dtype === DataType.INT64 ? new BigInt64Array(plan.outer.length) : new BigUint64Array(plan.outer.length);
    reduceBigInts(x.data() as BigInt64Array | BigUint64Array, plan, kind, out);
    return Tensor.fromData(dtype, plan.outDims, out);
  }
  if ((dtype === DataType.INT32 || dtype === DataType.UINT32) && (kind === 'sum' || kind === 'prod' || kind === 'sumsquare' || kind === 'l1')) {
    const out = dtype === DataType.INT32 ? new Int32Array(plan.outer.length) : new Uint32Array(plan.outer.length);
    reduceInt32Wrapping(x.data() as Int32Array | Uint32Array, plan, kind, out);
    return Tensor.fromData(dtype, plan.outDims, out);
  }
  const data = isNarrowFloat(dtype) ? toFloat32(x) : (x.data() as Exclude<TypedArray, BigInt64Array | BigUint64Array>);
  const values = reduceNumbers(data, plan, kind);
  if (plan.inner.length === 0 && (kind === 'max' || kind === 'min')) values.fill(typeBounds(dtype)[kind === 'max' ? 0 : 1]);
  return Tensor.fromData(dtype, plan.outDims, encodeFloats(dtype, values));
}

/**
 * The axes a Reduce* node reduces, normalized. Versions with an `axes` attribute reduce all axes
 * when it is absent or empty; versions with an `axes` input do so unless noop_with_empty_axes,
 * in which case empty axes reduce nothing.
 */
export function reduceAxesOf(ctx: KernelContext, rank: number): number[] {
  const fail = (m: string) => ctx.fail(m);
  let axes: number[];
  if (ctx.schema.attrs.has('axes')) {
    axes = ctx.attr.optInts('axes') ?? [];
  } else {
    const t = ctx.optionalInput(1);
    if (t && t.rank > 1) ctx.fail(`axes should be 1-D, got shape [${t.dims.join(',')}]`);
    axes = t ? toInts(t) : [];
    if (axes.length === 0 && ctx.attr.int('noop_with_empty_axes') === 1) return [];
  }
  if (axes.length === 0) return Array.from({ length: rank }, (_, i) => i);
  return normalizeAxes(axes, rank, fail);
}

/** A kernel for a Reduce* operator (every version: axes as attribute or as input). */
export function reduceKernel(kind: ReduceKind): KernelFn {
  return function reduce(ctx: KernelContext) {
    const x = ctx.input(0);
    if (x.dtype === DataType.STRING) ctx.fail('does not apply to strings');
    const axes = reduceAxesOf(ctx, x.rank);
    return [reduceTensor(x, axes, ctx.attr.int('keepdims') === 1, kind)];
  };
}

/**
 * What inference knows of a Reduce* node's axes: the list (undefined when it is a non-constant
 * input), and how many axes that input holds when its length alone is known.
 */
function inferAxes(ctx: InferContext): { axes?: number[]; count?: number; noop: boolean } {
  if (ctx.schema.attrs.has('axes')) return { axes: ctx.attr.optInts('axes') ?? [], noop: false };
  const noop = ctx.attr.int('noop_with_empty_axes') === 1;
  if (!ctx.has(1)) return { axes: [], noop };
  const a = ctx.input(1);
  if (a.value) return { axes: toInts(a.value), noop };
  if (a.symbolic && a.symbolic.every((d) => typeof d === 'number')) return { axes: a.symbolic as number[], noop };
  const len = a.shape?.length === 1 ? a.shape[0] : undefined;
  if (len === 0) return { axes: [], noop };
  return { count: typeof len === 'number' ? len : undefined, noop };
}

/**
 * Inference for Reduce* operators: the element type of the input; the shape when the axes are
 * known, otherwise the rank when keepdims (dims of 1 stay 1) or when the number of axes is known.
 * `symbolic` computes the output's element when a 1-D input of dims is reduced to one value.
 */
export function reduceInfer(symbolic?: (elements: readonly Dim[]) => Dim): InferFn {
  return function inferReduce(ctx: InferContext): (ValueType | undefined)[] {
    const x = ctx.input(0);
    const keepdims = ctx.attr.int('keepdims') === 1;
    const shape = x.shape;
    const { axes, count, noop } = inferAxes(ctx);
    if (!shape) return [tensorType(x.elemType)];
    const rank = shape.length;
    if (!axes) {
      if (keepdims) return [tensorType(x.elemType, shape.map((d) => (d === 1 ? 1 : null)))];
      if (count !== undefined && count <= rank && !noop) return [tensorType(x.elemType, new Array<Dim>(rank - count).fill(null))];
      return [tensorType(x.elemType)];
    }
    if (axes.length === 0 && noop) return [tensorType(x.elemType, shape)];
    const norm = axes.length === 0 ? shape.map((_, i) => i) : normalizeAxes(axes, rank, (m) => ctx.fail(m));
    if (symbolic && rank === 1 && norm.length === 1 && x.symbolic) ctx.setSymbolic(0, [symbolic(x.symbolic)]);
    return [tensorType(x.elemType, reducedDims(shape, norm, keepdims))];
  };
}

/** FLOPs of a reduction: one per input element. */
export function reduceFlops(ctx: { inputShape(i: number): readonly number[] | undefined }): number | undefined {
  const s = ctx.inputShape(0);
  return s ? sizeOf(s) : undefined;
}

// ---- ArgMax / ArgMin -----------------------------------------------------------------

/**
 * Indices of the largest (max) or smallest elements along `axis`; ties go to the first index, or
 * the last with selectLast. NaN counts as the extreme (numpy's convention).
 */
export function argExtreme(x: Tensor, axis: number, keepdims: boolean, max: boolean, selectLast: boolean): Tensor {
  const dims = x.dims;
  const n = dims[axis]!;
  const outer = sizeOf(dims.slice(0, axis));
  const inner = sizeOf(dims.slice(axis + 1));
  const out = new BigInt64Array(outer * inner);
  const data = (isNarrowFloat(x.dtype) ? toFloat32(x) : x.data()) as ArrayLike<number>;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let best = data[base]!;
      let bi = 0;
      for (let k = 1; k < n; k++) {
        const v = data[base + k * inner]!;
        if (best !== best) {
          if (selectLast && v !== v) bi = k;
          continue;
        }
        if (v !== v || (max ? v > best : v < best) || (selectLast && v === best)) {
          best = v;
          bi = k;
        }
      }
      out[o * inner + i] = BigInt(bi);
    }
  }
  const outDims = reducedDims(dims, [axis], keepdims);
  return Tensor.fromData(DataType.INT64, outDims, out);
}

/** A kernel for ArgMax (max) or ArgMin. */
export function argKernel(max: boolean): KernelFn {
  return function argReduce(ctx: KernelContext) {
    const x = ctx.input(0);
    if (x.dtype === DataType.STRING) ctx.fail('does not apply to strings');
    const axis = normalizeAxis(ctx.attr.int('axis'), x.rank, (m) => ctx.fail(m));
    if (x.dims[axis] === 0) ctx.fail(`cannot take the arg${max ? 'max' : 'min'} of an empty axis ${axis} (shape [${x.dims.join(',')}])`);
    const selectLast = (ctx.attr.optInt('select_last_index') ?? 0) === 1;
    return [argExtreme(x, axis, ctx.attr.int('keepdims') === 1, max, selectLast)];
  };
}

/** Inference for ArgMax/ArgMin: int64, the axis kept as 1 or dropped. */
export function argInfer(ctx: InferContext): (ValueType | undefined)[] {
  const shape = ctx.input(0).shape;
  if (!shape) return [tensorType(DataType.INT64)];
  const axis = normalizeAxis(ctx.attr.int('axis'), shape.length, (m) => ctx.fail(m));
  if (shape[axis] === 0) ctx.fail(`cannot take the arg of an empty axis ${axis}`);
  return [tensorType(DataType.INT64, reducedDims(shape, [axis], ctx.attr.int('keepdims') === 1))];
}
