import { defineOp } from '../define.js';
import { allocData, dtypeInfo } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { stridesOf } from '../helpers/broadcast.js';
import { sizeOf, toInts } from '../helpers/convert.js';
import { copyWords, wordView } from '../helpers/layout.js';
import type { InferContext, KernelContext } from '../types.js';

function axesOf(batch: number, time: number, fail: (m: string) => never): void {
  if ((batch !== 0 && batch !== 1) || (time !== 0 && time !== 1) || batch === time) {
    fail(`batch_axis (${batch}) and time_axis (${time}) must be 0 and 1 in some order`);
  }
}

/** Reverses the first sequence_lens[b] steps along time_axis of every batch entry b. */
function inferReverseSequence(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  axesOf(ctx.attr.int('batch_axis'), ctx.attr.int('time_axis'), (m) => ctx.fail(m));
  if (x.shape && x.shape.length < 2) ctx.fail(`input must have rank >= 2, got ${x.shape.length}`);
  return [x.type ?? tensorType(x.elemType)];
}

function reverseSequenceKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  const batchAxis = ctx.attr.int('batch_axis');
  const timeAxis = ctx.attr.int('time_axis');
  axesOf(batchAxis, timeAxis, (m) => ctx.fail(m));
  if (x.rank < 2) ctx.fail(`input must have rank >= 2, got ${x.rank}`);
  const lens = toInts(ctx.input(1));
  const batch = x.dims[batchAxis]!;
  const time = x.dims[timeAxis]!;
  if (lens.length !== batch) ctx.fail(`sequence_lens has ${lens.length} values for a batch of ${batch}`);
  const strides = stridesOf(x.dims);
  const inner = sizeOf(x.dims.slice(2));
  const lanes = dtypeInfo(x.dtype).lanes;
  const out = allocData(x.dtype, x.size);
  const sv = wordView(x.data(), lanes);
  const dv = wordView(out, lanes);
  for (let b = 0; b < batch; b++) {
    const len = lens[b]!;
    if (len < 0 || len > time) ctx.fail(`sequence length ${len} is out of range [0, ${time}]`);
    for (let t = 0; t < time; t++) {
      const from = t < len ? len - 1 - t : t;
      copyWords(sv, b * strides[batchAxis]! + from * strides[timeAxis]!, dv, b * strides[batchAxis]! + t * strides[timeAxis]!, inner);
    }
  }
  return [Tensor.fromData(x.dtype, x.dims, out)];
}

export default defineOp({
  opType: 'ReverseSequence',
  category: 'tensor',
  infer: inferReverseSequence,
  kernel: reverseSequenceKernel,
  flops: () => 0,
  versions: [
    { since: 10, inputs: 'input:T, sequence_lens:tensor(int64)', outputs: 'Y:T', attrs: { batch_axis: 'int=1', time_axis: 'int=0' }, types: { T: '$all_v1' } },
  ],
});
