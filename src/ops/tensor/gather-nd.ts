import { defineOp } from '../define.js';
import { allocData, dtypeInfo } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { stridesOf } from '../helpers/broadcast.js';
import { sizeOf, toInts } from '../helpers/convert.js';
import { copyWords, wordView } from '../helpers/layout.js';
import type { InferContext, KernelContext } from '../types.js';

/** indices[..., k] pick slices data[b..., i1..ik, ...]: shape indices.dims[:-1] + data.dims[b+k:]. */
function inferGatherND(ctx: InferContext): (ValueType | undefined)[] {
  const data = ctx.input(0);
  const idx = ctx.input(1);
  const b = ctx.attr.optInt('batch_dims') ?? 0;
  if (!data.shape || !idx.shape) return [tensorType(data.elemType)];
  const q = idx.shape.length;
  const r = data.shape.length;
  if (q < 1) ctx.fail('indices must have rank >= 1');
  if (b < 0 || b >= Math.min(q, r)) ctx.fail(`batch_dims ${b} must be less than the ranks of data (${r}) and indices (${q})`);
  const k = idx.shape[q - 1];
  if (typeof k !== 'number') return [tensorType(data.elemType)];
  if (k < 1 || k > r - b) ctx.fail(`indices' last dim (${k}) must be in [1, ${r - b}]`);
  return [tensorType(data.elemType, [...idx.shape.slice(0, q - 1), ...data.shape.slice(b + k)])];
}

function gatherNDKernel(ctx: KernelContext) {
  const data = ctx.input(0);
  const indices = ctx.input(1);
  const b = ctx.attr.optInt('batch_dims') ?? 0;
  const q = indices.rank;
  const r = data.rank;
  if (q < 1 || b < 0 || b >= Math.min(q, r)) ctx.fail(`batch_dims ${b} must be less than the ranks of data (${r}) and indices (${q})`);
  const k = indices.dims[q - 1]!;
  if (k < 1 || k > r - b) ctx.fail(`indices' last dim (${k}) must be in [1, ${r - b}]`);
  for (let d = 0; d < b; d++) {
    if (indices.dims[d] !== data.dims[d]) ctx.fail(`batch dim ${d} differs: data ${data.dims[d]}, indices ${indices.dims[d]}`);
  }
  const idx = toInts(indices);
  const batches = sizeOf(data.dims.slice(0, b));
  const perBatch = sizeOf(indices.dims.slice(b, q - 1));
  const slice = sizeOf(data.dims.slice(b + k));
  const batchStride = sizeOf(data.dims.slice(b));
  const strides = stridesOf(data.dims.slice(b));
  const outDims = [...indices.dims.slice(0, q - 1), ...data.dims.slice(b + k)];
  const lanes = dtypeInfo(data.dtype).lanes;
  const out = allocData(data.dtype, sizeOf(outDims));
  const sv = wordView(data.data(), lanes);
  const dv = wordView(out, lanes);
  let o = 0;
  let p = 0;
  for (let bi = 0; bi < batches; bi++) {
    for (let j = 0; j < perBatch; j++, p += k) {
      let off = bi * batchStride;
      for (let t = 0; t < k; t++) {
        const n = data.dims[b + t]!;
        let v = idx[p + t]!;
        if (v < -n || v >= n) ctx.fail(`index ${v} is out of range for dim ${b + t} of size ${n}`);
        if (v < 0) v += n;
        off += v * strides[t]!;
      }
      copyWords(sv, off, dv, o, slice);
      o += slice;
    }
  }
  return [Tensor.fromData(data.dtype, outDims, out)];
}

export default defineOp({
  opType: 'GatherND',
  category: 'tensor',
  infer: inferGatherND,
  kernel: gatherNDKernel,
  flops: () => 0,
  versions: [
    { since: 11, inputs: 'data:T, indices:tensor(int64)', outputs: 'output:T', types: { T: '$all_v1' } },
    { since: 12, inputs: 'data:T, indices:tensor(int64)', outputs: 'output:T', attrs: { batch_dims: 'int=0' }, types: { T: '$all_v1' } },
    { since: 13, inputs: 'data:T, indices:tensor(int64)', outputs: 'output:T', attrs: { batch_dims: 'int=0' }, types: { T: '$all_v13' } },
  ],
});
