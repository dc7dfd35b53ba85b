import { defineOp } from '../define.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { concatAxis, stackAxis } from '../helpers/axis-copy.js';
import { dimMul } from '../helpers/dims.js';
import { knownSequenceLength, sequenceElem, sequenceInput } from '../helpers/sequence.js';
import type { InferContext, KernelContext } from '../types.js';
import { isTensor } from '../values.js';

/** Normalizes `axis` for elements of rank `rank`; with new_axis the output has one more dim. */
function axisOf(axis: number, rank: number, newAxis: boolean, fail: (m: string) => never): number {
  const outRank = newAxis ? rank + 1 : rank;
  if (axis < -outRank || axis >= outRank) fail(`axis ${axis} is out of range for ${newAxis ? 'new_axis with ' : ''}elements of rank ${rank}`);
  return axis < 0 ? axis + outRank : axis;
}

/** The element dims with the axis dim multiplied (concat) or a new dim inserted (stack) by the sequence length. */
function inferConcatFromSequence(ctx: InferContext): (ValueType | undefined)[] {
  const elem = sequenceElem(ctx, 0);
  if (elem && elem.kind !== 'tensor') ctx.fail(`the sequence holds ${elem.kind}s, not tensors`);
  const newAxis = ctx.attr.int('new_axis') === 1;
  const elemType = elem?.elemType ?? 0;
  const shape = elem?.shape;
  if (!shape) return [tensorType(elemType)];
  const axis = axisOf(ctx.attr.int('axis'), shape.length, newAxis, (m) => ctx.fail(m));
  const n = knownSequenceLength(ctx.node.inputs[0]);
  const len: Dim = n === undefined ? null : n;
  const dims: Dim[] = [...shape];
  if (newAxis) dims.splice(axis, 0, len);
  else dims[axis] = dimMul(len, shape[axis]!);
  return [tensorType(elemType, dims)];
}

function concatFromSequenceKernel(ctx: KernelContext) {
  const seq = sequenceInput(ctx, 0);
  if (seq.items.length === 0) ctx.fail('the sequence is empty');
  const items = seq.items.map((v, i) => {
    if (!isTensor(v)) ctx.fail(`element ${i} is not a tensor`);
    return v;
  });
  const first = items[0]!;
  const newAxis = ctx.attr.int('new_axis') === 1;
  const axis = axisOf(ctx.attr.int('axis'), first.rank, newAxis, (m) => ctx.fail(m));
  for (const [i, t] of items.entries()) {
    if (t.dtype !== first.dtype) ctx.fail(`element ${i} has another element type than element 0`);
    if (t.rank !== first.rank || t.dims.some((d, k) => d !== first.dims[k] && (newAxis || k !== axis))) {
      ctx.fail(`element ${i} has shape [${t.dims.join(',')}], which does not fit element 0's [${first.dims.join(',')}]`);
    }
  }
  return [newAxis ? stackAxis(first.dtype, items, axis, first.dims) : concatAxis(first.dtype, items, axis, first.dims)];
}

/** Concatenates the tensors of a sequence along `axis`, or stacks them along a new axis with new_axis=1. */
export default defineOp({
  opType: 'ConcatFromSequence',
  category: 'sequence',
  traits: ['no-fold'],
  infer: inferConcatFromSequence,
  kernel: concatFromSequenceKernel,
  versions: [
    { since: 11, inputs: 'input_sequence:S', outputs: 'concat_result:T', attrs: { axis: 'int!', new_axis: 'int=0' }, types: { S: 'seq($all_v1)', T: '$all_v1' } },
  ],
});
