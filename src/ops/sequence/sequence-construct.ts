import { defineOp } from '../define.js';
import { dtypeName } from '../../ir/dtype.js';
import type { ValueType } from '../../ir/types.js';
import { mergeBranchTypes } from '../helpers/control.js';
import type { InferContext, KernelContext } from '../types.js';
import { SequenceValue } from '../values.js';

/** The element type: all inputs share the element type; dims that differ become unknown. */
function inferSequenceConstruct(ctx: InferContext): (ValueType | undefined)[] {
  let elem: ValueType | undefined;
  for (let i = 0; i < ctx.inputCount; i++) {
    const t = ctx.input(i).type;
    if (t && t.kind !== 'tensor') ctx.fail(`input ${i} should be a tensor, got a ${t.kind}`);
    elem = i === 0 ? t : mergeBranchTypes(elem, t, (m) => ctx.fail(`inputs differ: ${m}`));
  }
  return [elem ? { kind: 'sequence', elem } : { kind: 'sequence' }];
}

function sequenceConstructKernel(ctx: KernelContext) {
  const items = ctx.inputs.map((_, i) => ctx.input(i));
  const dtype = items[0]!.dtype;
  for (const t of items) if (t.dtype !== dtype) ctx.fail(`inputs mix element types ${dtypeName(dtype)} and ${dtypeName(t.dtype)}`);
  return [new SequenceValue({ kind: 'tensor', elemType: dtype }, items)];
}

/** A sequence of the input tensors, in order. */
export default defineOp({
  opType: 'SequenceConstruct',
  category: 'sequence',
  traits: ['no-fold'],
  infer: inferSequenceConstruct,
  kernel: sequenceConstructKernel,
  versions: [
    { since: 11, inputs: 'inputs...:T', outputs: 'output_sequence:S', types: { T: '$all_v1', S: 'seq($all_v1)' } },
  ],
});
