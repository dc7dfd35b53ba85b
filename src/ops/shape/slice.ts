import { defineOp } from '../define.js';
import type { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { normalizeAxes } from '../helpers/axes.js';
import { stridesOf } from '../helpers/broadcast.js';
import { knownInts } from '../helpers/const-input.js';
import { toInts } from '../helpers/convert.js';
import { dimAdd, dimCeilDiv, dimSub } from '../helpers/dims.js';
import { gatherByTables } from '../helpers/layout.js';
import type { InferContext, KernelContext } from '../types.js';

interface SliceParams {
  starts: number[];
  ends: number[];
  axes: number[] | undefined;
  steps: number[] | undefined;
}

/** Per axis of a rank-`rank` input: [start, end, step] (full range on axes not sliced). */
function perAxis(p: SliceParams, rank: number, fail: (m: string) => never): ([number, number, number] | undefined)[] {
  const n = p.starts.length;
  if (p.ends.length !== n) fail(`starts has ${n} values, ends ${p.ends.length}`);
  if (p.axes && p.axes.length !== n) fail(`starts has ${n} values, axes ${p.axes.length}`);
  if (p.steps && p.steps.length !== n) fail(`starts has ${n} values, steps ${p.steps.length}`);
  if (!p.axes && n > rank) fail(`starts has ${n} values for an input of rank ${rank}`);
  const axes = normalizeAxes(p.axes ?? Array.from({ length: n }, (_, i) => i), rank, fail);
  const out = new Array<[number, number, number] | undefined>(rank).fill(undefined);
  axes.forEach((a, i) => {
    const step = p.steps?.[i] ?? 1;
    if (step === 0) fail('steps must not be 0');
    out[a] = [p.starts[i]!, p.ends[i]!, step];
  });
  return out;
}

/** First index and count of a slice of a static axis (spec clamping rules). */
function sliceRange(dim: number, start: number, end: number, step: number): [number, number] {
  let s = start < 0 ? start + dim : start;
  let e = end < 0 ? end + dim : end;
  if (step > 0) {
    s = Math.min(Math.max(s, 0), dim);
    e = Math.min(Math.max(e, 0), dim);
    return [s, Math.max(0, Math.ceil((e - s) / step))];
  }
  s = Math.min(Math.max(s, 0), dim - 1);
  e = Math.min(Math.max(e, -1), dim - 1);
  return [s, Math.max(0, Math.ceil((s - e) / -step))];
}

/** |v| at or past this is "to the end" (INT32_MAX, INT64_MAX ...). */
const HUGE = 2 ** 31 - 1;

/**
 * The length of a slice of a symbolic axis, assuming (as exported models do) that static starts
 * and ends are within the axis: `x[1:]` is d-1, `x[:-1]` is d-1, `x[0:k]` is k.
 */
function symbolicLength(d: Dim, start: number, end: number, step: number): Dim {
  if (d === null) return null;
  // Positions as k*d + c (k in {0, 1}), so that no intermediate expression is re-parsed.
  const at = (v: number): [number, number] => (v < 0 ? [1, v] : [0, v]);
  let s: [number, number];
  let e: [number, number];
  if (step > 0) {
    s = start <= -HUGE ? [0, 0] : start >= HUGE ? [1, 0] : at(start);
    e = end >= HUGE ? [1, 0] : end <= -HUGE ? [0, 0] : at(end);
  } else {
    s = start >= HUGE ? [1, -1] : start <= -HUGE ? [0, 0] : at(start);
    e = end <= -HUGE ? [0, -1] : end >= HUGE ? [1, -1] : at(end);
  }
  const [k, c] = step > 0 ? [e[0] - s[0], e[1] - s[1]] : [s[0] - e[0], s[1] - e[1]];
  if (k < 0) return null;
  const span: Dim = k === 0 ? c : dimAdd(d, c);
  const n = Math.abs(step) === 1 ? span : dimCeilDiv(span, Math.abs(step));
  return typeof n === 'number' ? Math.max(0, n) : n;
}

function sliceTensor(x: Tensor, p: SliceParams, fail: (m: string) => never): Tensor {
  const ranges = perAxis(p, x.rank, fail);
  const strides = stridesOf(x.dims);
  const outDims: number[] = [];
  const tables = x.dims.map((dim, a) => {
    const r = ranges[a];
    const [first, count] = r ? sliceRange(dim, r[0], r[1], r[2]) : [0, dim];
    const step = r ? r[2] : 1;
    outDims.push(count);
    const t = new Float64Array(count);
    for (let i = 0; i < count; i++) t[i] = (first + i * step) * strides[a]!;
    return t;
  });
  return gatherByTables(x, outDims, tables);
}

function inferWith(ctx: InferContext, p: SliceParams | undefined): (ValueType | undefined)[] {
  const x = ctx.input(0);
  if (!x.shape) return [tensorType(x.elemType)];
  if (!p) return [tensorType(x.elemType, x.shape.map(() => null))];
  const ranges = perAxis(p, x.shape.length, (m) => ctx.fail(m));
  const dims = x.shape.map((d, a) => {
    const r = ranges[a];
    if (!r) return d;
    return typeof d === 'number' ? sliceRange(d, r[0], r[1], r[2])[1] : symbolicLength(d, r[0], r[1], r[2]);
  });
  if (x.symbolic && x.shape.length === 1) {
    const r = ranges[0];
    if (!r) ctx.setSymbolic(0, x.symbolic);
    else {
      const [first, count] = sliceRange(x.symbolic.length, r[0], r[1], r[2]);
      ctx.setSymbolic(0, Array.from({ length: count }, (_, i) => x.symbolic![first + i * r[2]]!));
    }
  }
  return [tensorType(x.elemType, dims)];
}

/** A bound as a position on an axis of length d: negatives count from the end, huge ones clamp. */
function boundDim(v: Dim, d: Dim): Dim {
  if (typeof v !== 'number') return v;
  if (v >= HUGE) return d;
  if (v <= -HUGE) return 0;
  return v < 0 ? dimAdd(d, v) : v;
}

/**
 * Slices whose starts/ends are shape values (Shape -> Gather -> ...), with unit steps: each
 * sliced dim is end - start, assuming (as exported models do) both lie inside the axis.
 * `position_ids[:, 0:seq]` gives `seq`; `bias[:, :, k-q:k]` gives `q`.
 */
function inferSymbolicBounds(ctx: InferContext, axes: number[] | undefined, steps: number[] | undefined): (ValueType | undefined)[] | undefined {
  const x = ctx.input(0);
  const starts = ctx.input(1).symbolic;
  const ends = ctx.input(2).symbolic;
  if (!x.shape || !starts || !ends || starts.length !== ends.length) return undefined;
  if (ctx.has(3) && !axes) return undefined;
  if (ctx.has(4) && (!steps || steps.some((t) => t !== 1))) return undefined;
  const rank = x.shape.length;
  const ax = normalizeAxes(axes ?? starts.map((_, i) => i), rank, (m) => ctx.fail(m));
  const dims = [...x.shape];
  ax.forEach((a, i) => {
    const d = x.shape![a]!;
    const len = dimSub(boundDim(ends[i]!, d), boundDim(starts[i]!, d));
    dims[a] = typeof len === 'number' ? Math.max(0, len) : len;
  });
  return [tensorType(x.elemType, dims)];
}

/** Slice-10+: starts, ends, axes and steps are inputs; the dims they touch are unknown unless constant. */
function inferSlice(ctx: InferContext): (ValueType | undefined)[] {
  const starts = knownInts(ctx, 1);
  const ends = knownInts(ctx, 2);
  const axes = ctx.has(3) ? knownInts(ctx, 3) : undefined;
  const steps = ctx.has(4) ? knownInts(ctx, 4) : undefined;
  const complete = starts && ends && (!ctx.has(3) || axes) && (!ctx.has(4) || steps);
  if (!complete) {
    const symbolic = inferSymbolicBounds(ctx, axes, steps);
    if (symbolic) return symbolic;
  }
  if (!complete && axes && ctx.input(0).shape) {
    // Known axes: only those dims become unknown.
    const x = ctx.input(0);
    const hit = new Set(normalizeAxes(axes, x.shape!.length, (m) => ctx.fail(m)));
    return [tensorType(x.elemType, x.shape!.map((d, i) => (hit.has(i) ? null : d)))];
  }
  return inferWith(ctx, complete ? { starts, ends, axes, steps } : undefined);
}

function sliceKernel(ctx: KernelContext) {
  const opt = (i: number) => {
    const t = ctx.optionalInput(i);
    return t ? toInts(t) : undefined;
  };
  const p = { starts: toInts(ctx.input(1)), ends: toInts(ctx.input(2)), axes: opt(3), steps: opt(4) };
  return [sliceTensor(ctx.input(0), p, (m) => ctx.fail(m))];
}

/** Slice-1: starts, ends and axes are attributes. */
function attrParams(attr: InferContext['attr']): SliceParams {
  return { starts: attr.ints('starts'), ends: attr.ints('ends'), axes: attr.optInts('axes'), steps: undefined };
}

function inferSlice1(ctx: InferContext): (ValueType | undefined)[] {
  return inferWith(ctx, attrParams(ctx.attr));
}

function slice1Kernel(ctx: KernelContext) {
  return [sliceTensor(ctx.input(0), attrParams(ctx.attr), (m) => ctx.fail(m))];
}

export default defineOp({
  opType: 'Slice',
  category: 'shape',
  infer: inferSlice,
  kernel: sliceKernel,
  flops: () => 0,
  versions: [
    { since: 1, inputs: 'data:T', outputs: 'output:T', attrs: { axes: 'ints', ends: 'ints!', starts: 'ints!' }, types: { T: '$all_v1' }, infer: inferSlice1, kernel: slice1Kernel },
    { since: 10, inputs: 'data:T, starts:Tind, ends:Tind, axes?:Tind, steps?:Tind', outputs: 'output:T', types: { T: '$all_v1', Tind: 'int32 int64' } },
    { since: 11, inputs: 'data:T, starts:Tind, ends:Tind, axes?:Tind, steps?:Tind', outputs: 'output:T', types: { T: '$all_v1', Tind: 'int32 int64' } },
    { since: 13, inputs: 'data:T, starts:Tind, ends:Tind, axes?:Tind, steps?:Tind', outputs: 'output:T', types: { T: '$all_v13', Tind: 'int32 int64' } },
  ],
});
