import { defineOp } from '../define.js';
import type { ValueType } from '../../ir/types.js';
import { sequenceElem, sequenceInput, sequencePosition } from '../helpers/sequence.js';
import type { InferContext, KernelContext } from '../types.js';
import { SequenceValue } from '../values.js';

/** Same type as the input sequence. */
function inferSequenceErase(ctx: InferContext): (ValueType | undefined)[] {
  const elem = sequenceElem(ctx, 0);
  return [elem ? { kind: 'sequence', elem } : { kind: 'sequence' }];
}

function sequenceEraseKernel(ctx: KernelContext) {
  const seq = sequenceInput(ctx, 0);
  const n = seq.items.length;
  if (n === 0) ctx.fail('cannot erase from an empty sequence');
  const pos = ctx.inputs[1] === undefined ? n - 1 : sequencePosition(ctx, ctx.input(1), n, -n, n - 1);
  const items = [...seq.items];
  items.splice(pos, 1);
  return [new SequenceValue(seq.elemType, items)];
}

/** The sequence without the element at `position` (the last by default). */
export default defineOp({
  opType: 'SequenceErase',
  category: 'sequence',
  traits: ['no-fold'],
  infer: inferSequenceErase,
  kernel: sequenceEraseKernel,
  versions: [
    { since: 11, inputs: 'input_sequence:S, position?:I', outputs: 'output_sequence:S', types: { S: 'seq($all_v1)', I: 'int32 int64' } },
  ],
});
