import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { tensorType, typeString, type ValueType } from '../../ir/types.js';
import { mergeBranchTypes } from '../helpers/control.js';
import { isKnownEmpty, sequenceElem, sequenceInput, sequencePosition } from '../helpers/sequence.js';
import type { InferContext, KernelContext } from '../types.js';
import { SequenceValue, typeOfValue } from '../values.js';

/** The element type of the sequence merged with the tensor's (only the tensor's when the sequence is known empty). */
function inferSequenceInsert(ctx: InferContext): (ValueType | undefined)[] {
  const elem = sequenceElem(ctx, 0);
  const t = ctx.input(1).type;
  if (t && t.kind !== 'tensor') ctx.fail(`tensor should be a tensor, got a ${t.kind}`);
  if (elem && elem.kind !== 'tensor') ctx.fail(`the sequence holds ${typeString(elem)}, not tensors`);
  if (elem?.elemType && t?.elemType && elem.elemType !== t.elemType) {
    ctx.fail(`cannot insert a ${typeString(t)} into a sequence of ${typeString(elem)}`);
  }
  let merged: ValueType | undefined;
  if (isKnownEmpty(ctx.node.inputs[0])) merged = t ?? elem;
  else if (!elem || !t) merged = tensorType(elem?.elemType || t?.elemType || DataType.UNDEFINED);
  else merged = mergeBranchTypes(elem, t, (m) => ctx.fail(m));
  return [merged ? { kind: 'sequence', elem: merged } : { kind: 'sequence' }];
}

function sequenceInsertKernel(ctx: KernelContext) {
  const seq = sequenceInput(ctx, 0);
  const t = ctx.input(1);
  const n = seq.items.length;
  const pos = ctx.inputs[2] === undefined ? n : sequencePosition(ctx, ctx.input(2), n, -n, n);
  const elemType = seq.elemType;
  if (elemType?.kind === 'tensor' && elemType.elemType && elemType.elemType !== t.dtype) {
    ctx.fail(`cannot insert a ${typeString(typeOfValue(t))} into a sequence of ${typeString(elemType)}`);
  }
  const items = [...seq.items];
  items.splice(pos, 0, t);
  return [new SequenceValue(elemType ?? { kind: 'tensor', elemType: t.dtype }, items)];
}

/** The sequence with `tensor` inserted at `position` (at the end by default). */
export default defineOp({
  opType: 'SequenceInsert',
  category: 'sequence',
  traits: ['no-fold'],
  infer: inferSequenceInsert,
  kernel: sequenceInsertKernel,
  versions: [
    { since: 11, inputs: 'input_sequence:S, tensor:T, position?:I', outputs: 'output_sequence:S', types: { T: '$all_v1', S: 'seq($all_v1)', I: 'int32 int64' } },
  ],
});
