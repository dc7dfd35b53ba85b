import { defineOp } from '../define.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { normalizeAxis } from '../helpers/axes.js';
import { stridesOf } from '../helpers/broadcast.js';
import { knownInts } from '../helpers/const-input.js';
import { toInts } from '../helpers/convert.js';
import { axisTable, gatherByTables, reshaped } from '../helpers/layout.js';
import type { InferContext, KernelContext } from '../types.js';

/** output = data with axis `axis` indexed by `indices`: dims[:axis] + indices.dims + dims[axis+1:]. */
function inferGather(ctx: InferContext): (ValueType | undefined)[] {
  const data = ctx.input(0);
  const idx = ctx.input(1);
  if (!data.shape) return [tensorType(data.elemType)];
  const rank = data.shape.length;
  if (rank === 0) ctx.fail('data must have rank >= 1');
  const axis = normalizeAxis(ctx.attr.int('axis'), rank, (m) => ctx.fail(m));
  const values = knownInts(ctx, 1);
  const n = data.shape[axis];
  if (values && typeof n === 'number') {
    for (const v of values) if (v < -n || v >= n) ctx.fail(`index ${v} is out of range for dim ${axis} of size ${n}`);
  }
  // Gathering from a vector of dims (Shape -> Gather) gives dims.
  if (data.symbolic && rank === 1 && values) {
    const len = data.symbolic.length;
    if (values.every((v) => v >= -len && v < len)) ctx.setSymbolic(0, values.map((v) => data.symbolic![v < 0 ? v + len : v]!));
  }
  if (!idx.shape) return [tensorType(data.elemType)];
  const dims: Dim[] = [...data.shape.slice(0, axis), ...idx.shape, ...data.shape.slice(axis + 1)];
  return [tensorType(data.elemType, dims)];
}

function gatherKernel(ctx: KernelContext) {
  const data = ctx.input(0);
  const indices = ctx.input(1);
  if (data.rank === 0) ctx.fail('data must have rank >= 1');
  const axis = normalizeAxis(ctx.attr.int('axis'), data.rank, (m) => ctx.fail(m));
  const idx = toInts(indices);
  const n = data.dims[axis]!;
  const strides = stridesOf(data.dims);
  const picked = new Float64Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    const v = idx[i]!;
    if (v < -n || v >= n) ctx.fail(`index ${v} is out of range for dim ${axis} of size ${n}`);
    picked[i] = (v < 0 ? v + n : v) * strides[axis]!;
  }
  const flatDims = data.dims.map((d, a) => (a === axis ? idx.length : d));
  const tables = flatDims.map((d, a) => (a === axis ? picked : axisTable(d, strides[a]!)));
  const out = gatherByTables(data, flatDims, tables);
  return [reshaped(out, [...data.dims.slice(0, axis), ...indices.dims, ...data.dims.slice(axis + 1)])];
}

export default defineOp({
  opType: 'Gather',
  category: 'tensor',
  infer: inferGather,
  kernel: gatherKernel,
  flops: () => 0,
  versions: [
    { since: 1, inputs: 'data:T, indices:Tind', outputs: 'output:T', attrs: { axis: 'int=0' }, types: { T: '$all_v1', Tind: 'int32 int64' } },
    { since: 11, inputs: 'data:T, indices:Tind', outputs: 'output:T', attrs: { axis: 'int=0' }, types: { T: '$all_v1', Tind: 'int32 int64' } },
    { since: 13, inputs: 'data:T, indices:Tind', outputs: 'output:T', attrs: { axis: 'int=0' }, types: { T: '$all_v13', Tind: 'int32 int64' } },
  ],
});
