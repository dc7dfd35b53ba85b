import { defineOp } from '../define.js';
import { DataType, dtypeInfo } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { isNarrowFloat, toFloat32 } from '../helpers/convert.js';
import type { InferContext, KernelContext } from '../types.js';

/** The coordinates of the non-zero elements, one column each: [rank, count] (a scalar counts as rank 1). */
function inferNonZero(ctx: InferContext): (ValueType | undefined)[] {
  const r = ctx.input(0).rank;
  return [tensorType(DataType.INT64, [r === undefined ? null : Math.max(r, 1), null])];
}

function nonZeroKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  const n = x.size;
  const d = isNarrowFloat(x.dtype) ? toFloat32(x) : x.data();
  const lanes = dtypeInfo(x.dtype).lanes;
  const hits: number[] = [];
  if (Array.isArray(d)) {
    for (let i = 0; i < n; i++) if (d[i] !== '') hits.push(i);
  } else if (d instanceof BigInt64Array || d instanceof BigUint64Array) {
    for (let i = 0; i < n; i++) if (d[i] !== 0n) hits.push(i);
  } else if (lanes === 2) {
    for (let i = 0; i < n; i++) if (d[2 * i] !== 0 || d[2 * i + 1] !== 0) hits.push(i);
  } else {
    // NaN counts as non-zero; -0 does not.
    for (let i = 0; i < n; i++) if (d[i] !== 0) hits.push(i);
  }
  const dims = x.rank === 0 ? [1] : x.dims;
  const rank = dims.length;
  const count = hits.length;
  const out = new BigInt64Array(rank * count);
  for (let j = 0; j < count; j++) {
    let rem = hits[j]!;
    for (let a = rank - 1; a >= 0; a--) {
      const dim = dims[a]!;
      out[a * count + j] = BigInt(rem % dim);
      rem = Math.floor(rem / dim);
    }
  }
  return [Tensor.fromData(DataType.INT64, [rank, count], out)];
}

export default defineOp({
  opType: 'NonZero',
  category: 'tensor',
  infer: inferNonZero,
  kernel: nonZeroKernel,
  flops: () => 0,
  versions: [
    { since: 9, inputs: 'X:T', outputs: 'Y:tensor(int64)', types: { T: '$all_v1' } },
    { since: 13, inputs: 'X:T', outputs: 'Y:tensor(int64)', types: { T: '$all_v13' } },
  ],
});
