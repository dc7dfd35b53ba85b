import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { knownSequenceLength, sequenceElem, sequenceInput } from '../helpers/sequence.js';
import type { InferContext, KernelContext } from '../types.js';

/** An int64 scalar; its value is recorded when the graph makes the length plain. */
function inferSequenceLength(ctx: InferContext): (ValueType | undefined)[] {
  sequenceElem(ctx, 0);
  const n = knownSequenceLength(ctx.node.inputs[0]);
  if (n !== undefined) ctx.setSymbolic(0, [n]);
  return [tensorType(DataType.INT64, [])];
}

function sequenceLengthKernel(ctx: KernelContext) {
  const seq = sequenceInput(ctx, 0);
  return [Tensor.fromData(DataType.INT64, [], BigInt64Array.of(BigInt(seq.items.length)))];
}

/** The number of tensors in the sequence. */
export default defineOp({
  opType: 'SequenceLength',
  category: 'sequence',
  traits: ['no-fold'],
  infer: inferSequenceLength,
  kernel: sequenceLengthKernel,
  versions: [
    { since: 11, inputs: 'input_sequence:S', outputs: 'length:I', types: { S: 'seq($all_v1)', I: 'int64' } },
  ],
});
