import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { int64Tensor } from '../helpers/convert.js';
import type { InferContext, KernelContext } from '../types.js';


/** The [start, end) slice of dims that Shape-15 returns (clamped like Python slicing). */
function sliceRange(rank: number, start: number, end: number | undefined): [number, number] {
  const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + rank : v, 0), rank);
  return [clamp(start), clamp(end ?? rank)];
}

/** shape = the dims of data (from start to end); its elements are known symbolically. */
function inferShape(ctx: InferContext): (ValueType | undefined)[] {
  const shape = ctx.input(0).shape;
  if (!shape) return [tensorType(DataType.INT64, [null])];
  const [s, e] = sliceRange(shape.length, ctx.attr.optInt('start') ?? 0, ctx.attr.optInt('end'));
  const dims = shape.slice(s, Math.max(s, e));
  ctx.setSymbolic(0, dims);
  return [tensorType(DataType.INT64, [dims.length])];
}

function shapeKernel(ctx: KernelContext) {
  const x = ctx.inputs[0];
  if (!x || !('dims' in x)) ctx.fail('input must be a tensor');
  const dims = x.dims;
  const [s, e] = sliceRange(dims.length, ctx.attr.optInt('start') ?? 0, ctx.attr.optInt('end'));
  return [int64Tensor(dims.slice(s, Math.max(s, e)))];
}

export default defineOp({
  opType: 'Shape',
  category: 'shape',
  traits: ['shape-only'],
  infer: inferShape,
  kernel: shapeKernel,
  versions: [
    { since: 1, inputs: 'data:T', outputs: 'shape:T1', types: { T: '$all_v1', T1: 'int64' } },
    { since: 13, inputs: 'data:T', outputs: 'shape:T1', types: { T: '$all_v13', T1: 'int64' } },
    { since: 15, inputs: 'data:T', outputs: 'shape:T1', attrs: { end: 'int', start: 'int=0' }, types: { T: '$all_v13', T1: 'int64' } },
    { since: 19, inputs: 'data:T', outputs: 'shape:T1', attrs: { end: 'int', start: 'int=0' }, types: { T: '$all_v19', T1: 'int64' } },
    { since: 21, inputs: 'data:T', outputs: 'shape:T1', attrs: { end: 'int', start: 'int=0' }, types: { T: '$all_v21', T1: 'int64' } },
    { since: 23, inputs: 'data:T', outputs: 'shape:T1', attrs: { end: 'int', start: 'int=0' }, types: { T: '$all_v23', T1: 'int64' } },
    { since: 24, inputs: 'data:T', outputs: 'shape:T1', attrs: { end: 'int', start: 'int=0' }, types: { T: '$all_v24', T1: 'int64' } },
    { since: 25, inputs: 'data:T', outputs: 'shape:T1', attrs: { end: 'int', start: 'int=0' }, types: { T: '$all_v25', T1: 'int64' } },
  ],
});
