import { defineOp } from '../define.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { stridesOf } from '../helpers/broadcast.js';
import { sizeOf, toInts } from '../helpers/convert.js';
import { parseReduction, ScatterTarget } from '../helpers/scatter.js';
import type { InferContext, KernelContext } from '../types.js';

/** output = data with slices of updates written (or combined) at the index tuples in indices[..., k]. */
function inferScatterND(ctx: InferContext): (ValueType | undefined)[] {
  const data = ctx.input(0);
  const idx = ctx.input(1);
  const upd = ctx.input(2);
  if (ctx.attr.optString('reduction') !== undefined) parseReduction(ctx.attr.string('reduction'), (m) => ctx.fail(m));
  if (data.shape && idx.shape && upd.shape) {
    const q = idx.shape.length;
    const k = idx.shape[q - 1];
    if (typeof k === 'number') {
      if (k > data.shape.length) ctx.fail(`indices' last dim (${k}) exceeds the rank of data (${data.shape.length})`);
      const want = q - 1 + data.shape.length - k;
      if (upd.shape.length !== want) ctx.fail(`updates must have rank ${want}, got ${upd.shape.length}`);
    }
  }
  return [tensorType(data.elemType || upd.elemType, data.shape)];
}

function scatterNDKernel(ctx: KernelContext) {
  const data = ctx.input(0);
  const indices = ctx.input(1);
  const updates = ctx.input(2);
  const fail = (m: string): never => ctx.fail(m);
  const reduction = parseReduction(ctx.attr.optString('reduction') ?? 'none', fail);
  const q = indices.rank;
  const k = indices.dims[q - 1]!;
  if (q < 1 || k > data.rank) ctx.fail(`indices' last dim (${k}) exceeds the rank of data (${data.rank})`);
  const wantDims = [...indices.dims.slice(0, q - 1), ...data.dims.slice(k)];
  if (updates.dims.join(',') !== wantDims.join(',')) ctx.fail(`updates must have shape [${wantDims.join(',')}], got [${updates.dims.join(',')}]`);
  const idx = toInts(indices);
  const strides = stridesOf(data.dims);
  const slice = sizeOf(data.dims.slice(k));
  const count = sizeOf(indices.dims.slice(0, q - 1));
  const target = new ScatterTarget(data, updates, reduction, fail);
  for (let j = 0; j < count; j++) {
    let off = 0;
    for (let t = 0; t < k; t++) {
      const n = data.dims[t]!;
      let v = idx[j * k + t]!;
      if (v < -n || v >= n) ctx.fail(`index ${v} is out of range for dim ${t} of size ${n}`);
      if (v < 0) v += n;
      off += v * strides[t]!;
    }
    target.write(off, j * slice, slice);
  }
  return [target.result()];
}

export default defineOp({
  opType: 'ScatterND',
  category: 'tensor',
  infer: inferScatterND,
  kernel: scatterNDKernel,
  /** Data movement; a reduction costs one operation per update. */
  flops: (ctx) => ((ctx.attr.optString('reduction') ?? 'none') === 'none' ? 0 : ctx.inputShape(2)?.reduce((a, b) => a * b, 1)),
  versions: [
    { since: 11, inputs: 'data:T, indices:tensor(int64), updates:T', outputs: 'output:T', types: { T: '$all_v1' } },
    { since: 13, inputs: 'data:T, indices:tensor(int64), updates:T', outputs: 'output:T', types: { T: '$all_v13' } },
    { since: 16, inputs: 'data:T, indices:tensor(int64), updates:T', outputs: 'output:T', attrs: { reduction: 'string=none' }, types: { T: '$all_v13' } },
    { since: 18, inputs: 'data:T, indices:tensor(int64), updates:T', outputs: 'output:T', attrs: { reduction: 'string=none' }, types: { T: '$all_v13' } },
  ],
});
