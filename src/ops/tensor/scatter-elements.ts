import { defineOp } from '../define.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { normalizeAxis } from '../helpers/axes.js';
import { toInts } from '../helpers/convert.js';
import { elementOffsets } from '../helpers/element-index.js';
import { parseReduction, ScatterTarget } from '../helpers/scatter.js';
import type { InferContext, KernelContext } from '../types.js';

/** output = data with updates written (or combined by `reduction`) at the positions `indices` give along `axis`. */
export function inferScatterElements(ctx: InferContext): (ValueType | undefined)[] {
  const data = ctx.input(0);
  const idx = ctx.input(1);
  const upd = ctx.input(2);
  if (ctx.attr.optString('reduction') !== undefined) parseReduction(ctx.attr.string('reduction'), (m) => ctx.fail(m));
  if (data.shape) normalizeAxis(ctx.attr.int('axis'), data.shape.length, (m) => ctx.fail(m));
  if (idx.shape && upd.shape && idx.shape.length !== upd.shape.length) ctx.fail(`indices have rank ${idx.shape.length}, updates ${upd.shape.length}`);
  if (data.shape && idx.shape && data.shape.length !== idx.shape.length) ctx.fail(`indices have rank ${idx.shape.length}, data ${data.shape.length}`);
  return [tensorType(data.elemType || upd.elemType, data.shape)];
}

export function scatterElementsKernel(ctx: KernelContext) {
  const data = ctx.input(0);
  const indices = ctx.input(1);
  const updates = ctx.input(2);
  const fail = (m: string): never => ctx.fail(m);
  const reduction = parseReduction(ctx.attr.optString('reduction') ?? 'none', fail);
  const axis = normalizeAxis(ctx.attr.int('axis'), data.rank, fail);
  if (updates.dims.join(',') !== indices.dims.join(',')) ctx.fail(`updates [${updates.dims.join(',')}] and indices [${indices.dims.join(',')}] differ in shape`);
  const offsets = elementOffsets(data.dims, indices.dims, axis, toInts(indices), fail);
  const target = new ScatterTarget(data, updates, reduction, fail);
  for (let i = 0; i < offsets.length; i++) target.write(offsets[i]!, i, 1);
  return [target.result()];
}

export default defineOp({
  opType: 'ScatterElements',
  category: 'tensor',
  infer: inferScatterElements,
  kernel: scatterElementsKernel,
  /** Data movement; a reduction costs one operation per update. */
  flops: (ctx) => ((ctx.attr.optString('reduction') ?? 'none') === 'none' ? 0 : ctx.inputShape(2)?.reduce((a, b) => a * b, 1)),
  versions: [
    { since: 11, inputs: 'data:T, indices:Tind, updates:T', outputs: 'output:T', attrs: { axis: 'int=0' }, types: { T: '$all_v1', Tind: 'int32 int64' } },
    { since: 13, inputs: 'data:T, indices:Tind, updates:T', outputs: 'output:T', attrs: { axis: 'int=0' }, types: { T: '$all_v13', Tind: 'int32 int64' } },
    { since: 16, inputs: 'data:T, indices:Tind, updates:T', outputs: 'output:T', attrs: { axis: 'int=0', reduction: 'string=none' }, types: { T: '$all_v13', Tind: 'int32 int64' } },
    { since: 18, inputs: 'data:T, indices:Tind, updates:T', outputs: 'output:T', attrs: { axis: 'int=0', reduction: 'string=none' }, types: { T: '$all_v13', Tind: 'int32 int64' } },
  ],
});
