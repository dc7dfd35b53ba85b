import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { normalizeAxis } from '../helpers/axes.js';
import { stridesOf } from '../helpers/broadcast.js';
import { isNarrowFloat, sizeOf, toFloat32 } from '../helpers/convert.js';
import { axisTable, gatherByTables, reshaped } from '../helpers/layout.js';
import type { InferContext, KernelContext } from '../types.js';

/** Unique values (or slices along `axis`), with first indices, inverse indices and counts; U is unknown. */
function inferUnique(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const axis = ctx.attr.optInt('axis');
  const u = ctx.newSymbol();
  let y: Dim[] | undefined = [u];
  let n: Dim = null;
  if (axis === undefined) {
    if (x.shape) n = x.shape.reduce<Dim>((a, d) => (typeof a === 'number' && typeof d === 'number' ? a * d : null), 1);
  } else if (x.shape) {
    const a = normalizeAxis(axis, x.shape.length, (m) => ctx.fail(m));
    y = x.shape.map((d, i) => (i === a ? u : d));
    n = x.shape[a]!;
  } else y = undefined;
  const i64 = (dims: Dim[]) => tensorType(DataType.INT64, dims);
  return [tensorType(x.elemType, y), i64([u]), i64([n]), i64([u])];
}

/** NaN sorts after every number and equals NaN (numpy's unique). */
function keyCmp(va: number, vb: number): number {
  if (va < vb) return -1;
  if (va > vb) return 1;
  if (va === vb) return 0;
  return (va !== va ? 1 : 0) - (vb !== vb ? 1 : 0);
}

function uniqueKernel(ctx: KernelContext) {
  const input = ctx.input(0);
  const axisAttr = ctx.attr.optInt('axis');
  const x = axisAttr === undefined ? reshaped(input, [input.size]) : input;
  const axis = normalizeAxis(axisAttr ?? 0, x.rank, (m) => ctx.fail(m));
  const m = x.dims[axis]!;
  const outer = sizeOf(x.dims.slice(0, axis));
  const inner = sizeOf(x.dims.slice(axis + 1));
  if (x.dtype === DataType.COMPLEX64 || x.dtype === DataType.COMPLEX128) ctx.fail('complex values cannot be ordered');
  const keys = (isNarrowFloat(x.dtype) ? toFloat32(x) : x.data()) as unknown as ArrayLike<number>;
  // Item i is the slice x[..., i, ...]: compared element by element.
  const cmpItems = (a: number, b: number): number => {
    for (let o = 0; o < outer; o++) {
      const ra = (o * m + a) * inner;
      const rb = (o * m + b) * inner;
      for (let k = 0; k < inner; k++) {
        const c = keyCmp(keys[ra + k]!, keys[rb + k]!);
        if (c !== 0) return c;
      }
    }
    return 0;
  };
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  order.sort((a, b) => cmpItems(a, b) || a - b);
  // Groups of equal items in sorted order; the first of each is its first occurrence.
  const groupOf = new Int32Array(m);
  const firsts: number[] = [];
  const counts: number[] = [];
  for (let j = 0; j < m; j++) {
    const it = order[j]!;
    if (j === 0 || cmpItems(order[j - 1]!, it) !== 0) {
      firsts.push(it);
      counts.push(0);
    }
    groupOf[it] = firsts.length - 1;
    counts[counts.length - 1]!++;
  }
  // Output order of the groups: by value (sorted) or by first occurrence.
  const groups = firsts.map((_, g) => g);
  if (ctx.attr.int('sorted') === 0) groups.sort((a, b) => firsts[a]! - firsts[b]!);
  const rank = new Int32Array(groups.length);
  groups.forEach((g, r) => (rank[g] = r));
  const u = groups.length;
  const strides = stridesOf(x.dims);
  const picked = Float64Array.from(groups, (g) => firsts[g]! * strides[axis]!);
  const yDims = x.dims.map((d, a) => (a === axis ? u : d));
  const y = gatherByTables(x, yDims, yDims.map((d, a) => (a === axis ? picked : axisTable(d, strides[a]!))));
  const big = (vals: ArrayLike<number>) => BigInt64Array.from(Array.from(vals), (v) => BigInt(v));
  return [
    y,
    Tensor.fromData(DataType.INT64, [u], big(groups.map((g) => firsts[g]!))),
    Tensor.fromData(DataType.INT64, [m], big(Array.from(groupOf, (g) => rank[g]!))),
    Tensor.fromData(DataType.INT64, [u], big(groups.map((g) => counts[g]!))),
  ];
}

export default defineOp({
  opType: 'Unique',
  category: 'tensor',
  infer: inferUnique,
  kernel: uniqueKernel,
  flops: () => 0,
  versions: [
    { since: 11, inputs: 'X:T', outputs: 'Y:T, indices?:tensor(int64), inverse_indices?:tensor(int64), counts?:tensor(int64)', attrs: { axis: 'int', sorted: 'int=1' }, types: { T: '$all_v1' } },
  ],
});
