import { defineOp } from '../define.js';
import type { ValueType } from '../../ir/types.js';
import { sequenceElem, sequenceInput, sequencePosition } from '../helpers/sequence.js';
import type { InferContext, KernelContext } from '../types.js';

/** The element type of the sequence. */
function inferSequenceAt(ctx: InferContext): (ValueType | undefined)[] {
  return [sequenceElem(ctx, 0)];
}

function sequenceAtKernel(ctx: KernelContext) {
  const seq = sequenceInput(ctx, 0);
  const n = seq.items.length;
  const pos = sequencePosition(ctx, ctx.input(1), n, -n, n - 1);
  return [seq.items[pos]!];
}

/** The tensor at `position` (negative counts from the back). */
export default defineOp({
  opType: 'SequenceAt',
  category: 'sequence',
  traits: ['no-fold'],
  infer: inferSequenceAt,
  kernel: sequenceAtKernel,
  versions: [
    { since: 11, inputs: 'input_sequence:S, position:I', outputs: 'tensor:T', types: { S: 'seq($all_v1)', T: '$all_v1', I: 'int32 int64' } },
  ],
});
