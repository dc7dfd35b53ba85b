import { defineOp } from '../define.js';
import { allocData, dtypeInfo } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { scalarOf } from '../helpers/convert.js';
import { copyWords, wordView } from '../helpers/layout.js';
import type { InferContext, KernelContext } from '../types.js';

/** Keeps the upper (j - i >= k) or lower (j - i <= k) triangle of the last two dims; zeros elsewhere. */
function inferTrilu(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  if (x.shape && x.shape.length < 2) ctx.fail(`input must have rank >= 2, got ${x.shape.length}`);
  return [x.type ?? tensorType(x.elemType)];
}

function triluKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  if (x.rank < 2) ctx.fail(`input must have rank >= 2, got ${x.rank}`);
  const kt = ctx.optionalInput(1);
  const k = kt ? scalarOf(kt) : 0;
  const upper = ctx.attr.int('upper') !== 0;
  const rows = x.dims[x.rank - 2]!;
  const cols = x.dims[x.rank - 1]!;
  const mats = rows * cols === 0 ? 0 : x.size / (rows * cols);
  const lanes = dtypeInfo(x.dtype).lanes;
  const out = allocData(x.dtype, x.size);
  const sv = wordView(x.data(), lanes);
  const dv = wordView(out, lanes);
  for (let m = 0; m < mats; m++) {
    for (let i = 0; i < rows; i++) {
      // Columns kept in row i: [i + k, cols) for upper, [0, i + k] for lower.
      const from = upper ? Math.min(Math.max(i + k, 0), cols) : 0;
      const to = upper ? cols : Math.min(Math.max(i + k + 1, 0), cols);
      const row = (m * rows + i) * cols;
      if (to > from) copyWords(sv, row + from, dv, row + from, to - from);
    }
  }
  return [Tensor.fromData(x.dtype, x.dims, out)];
}

export default defineOp({
  opType: 'Trilu',
  category: 'tensor',
  infer: inferTrilu,
  kernel: triluKernel,
  flops: () => 0,
  versions: [
    { since: 14, inputs: 'input:T, k?:tensor(int64)', outputs: 'output:T', attrs: { upper: 'int=1' }, types: { T: '$all_v13' } },
  ],
});
