import { defineOp } from '../define.js';
import { allocData, dtypeInfo } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { normalizeAxis } from '../helpers/axes.js';
import { elementOffsets } from '../helpers/element-index.js';
import { toInts } from '../helpers/convert.js';
import { setElement } from '../helpers/layout.js';
import type { InferContext, KernelContext } from '../types.js';

/** output[i][j][k] = data[index][j][k] (for axis 0, and so on): the shape of `indices`. */
function inferGatherElements(ctx: InferContext): (ValueType | undefined)[] {
  const data = ctx.input(0);
  const idx = ctx.input(1);
  if (data.shape && idx.shape && data.shape.length !== idx.shape.length) {
    ctx.fail(`data has rank ${data.shape.length} and indices rank ${idx.shape.length}`);
  }
  if (data.shape) normalizeAxis(ctx.attr.int('axis'), data.shape.length, (m) => ctx.fail(m));
  return [tensorType(data.elemType, idx.shape)];
}

function gatherElementsKernel(ctx: KernelContext) {
  const data = ctx.input(0);
  const indices = ctx.input(1);
  const axis = normalizeAxis(ctx.attr.int('axis'), data.rank, (m) => ctx.fail(m));
  const offsets = elementOffsets(data.dims, indices.dims, axis, toInts(indices), (m) => ctx.fail(m));
  const lanes = dtypeInfo(data.dtype).lanes;
  const src = data.data();
  const out = allocData(data.dtype, offsets.length);
  for (let i = 0; i < offsets.length; i++) setElement(out, i, src, offsets[i]!, lanes);
  return [Tensor.fromData(data.dtype, indices.dims, out)];
}

export default defineOp({
  opType: 'GatherElements',
  category: 'tensor',
  infer: inferGatherElements,
  kernel: gatherElementsKernel,
  flops: () => 0,
  versions: [
    { since: 11, inputs: 'data:T, indices:Tind', outputs: 'output:T', attrs: { axis: 'int=0' }, types: { T: '$all_v1', Tind: 'int32 int64' } },
    { since: 13, inputs: 'data:T, indices:Tind', outputs: 'output:T', attrs: { axis: 'int=0' }, types: { T: '$all_v13', Tind: 'int32 int64' } },
  ],
});
