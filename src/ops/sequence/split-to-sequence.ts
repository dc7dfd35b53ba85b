import { defineOp } from '../define.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { normalizeAxis } from '../helpers/axes.js';
import { sliceAxis } from '../helpers/axis-copy.js';
import { toInts } from '../helpers/convert.js';
import type { InferContext, KernelContext } from '../types.js';
import { SequenceValue } from '../values.js';

/** The element type: the input's dims, with the split axis sized when every part has one size. */
function inferSplitToSequence(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const shape = x.shape;
  if (!shape) return [{ kind: 'sequence', elem: tensorType(x.elemType) }];
  const axis = normalizeAxis(ctx.attr.int('axis'), shape.length, (m) => ctx.fail(m));
  const dims: Dim[] = [...shape];
  if (!ctx.has(1)) {
    if (ctx.attr.int('keepdims') === 0) dims.splice(axis, 1);
    else dims[axis] = 1;
    return [{ kind: 'sequence', elem: tensorType(x.elemType, dims) }];
  }
  const split = ctx.input(1);
  if (split.rank !== undefined && split.rank > 1) ctx.fail(`split should be a scalar or 1-D, got rank ${split.rank}`);
  const sizes = split.value ? toInts(split.value) : undefined;
  const d = shape[axis]!;
  let part: Dim = null;
  if (sizes && split.value!.rank === 0) {
    const s = sizes[0]!;
    if (s <= 0) ctx.fail(`split should be positive, got ${s}`);
    if (typeof d === 'number' && d % s === 0) part = s;
  } else if (sizes) {
    if (sizes.some((s) => s < 0)) ctx.fail(`split has a negative size: [${sizes.join(',')}]`);
    const total = sizes.reduce((a, b) => a + b, 0);
    if (typeof d === 'number' && total !== d) ctx.fail(`split sizes sum to ${total}, but axis ${axis} has ${d}`);
    if (sizes.length > 0 && sizes.every((s) => s === sizes[0])) part = sizes[0]!;
  }
  dims[axis] = part;
  return [{ kind: 'sequence', elem: tensorType(x.elemType, dims) }];
}

function splitToSequenceKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  const axis = normalizeAxis(ctx.attr.int('axis'), x.rank, (m) => ctx.fail(m));
  const d = x.dims[axis]!;
  const split = ctx.optionalInput(1);
  const items = [];
  if (!split) {
    const squeeze = ctx.attr.int('keepdims') === 0;
    for (let i = 0; i < d; i++) items.push(sliceAxis(x, axis, i, 1, squeeze));
  } else {
    if (split.rank > 1) ctx.fail(`split should be a scalar or 1-D, got rank ${split.rank}`);
    const sizes = toInts(split);
    if (split.rank === 0) {
      const s = sizes[0]!;
      if (s <= 0) ctx.fail(`split should be positive, got ${s}`);
      for (let start = 0; start < d; start += s) items.push(sliceAxis(x, axis, start, Math.min(s, d - start)));
    } else {
      if (sizes.some((s) => s < 0)) ctx.fail(`split has a negative size: [${sizes.join(',')}]`);
      const total = sizes.reduce((a, b) => a + b, 0);
      if (total !== d) ctx.fail(`split sizes sum to ${total}, but axis ${axis} has ${d}`);
      let start = 0;
      for (const s of sizes) {
        items.push(sliceAxis(x, axis, start, s));
        start += s;
      }
    }
  }
  return [new SequenceValue({ kind: 'tensor', elemType: x.dtype }, items)];
}

/** Splits a tensor along `axis` into a sequence: parts of size 1, of size `split`, or of the sizes listed in `split`. */
export default defineOp({
  opType: 'SplitToSequence',
  category: 'sequence',
  traits: ['no-fold'],
  infer: inferSplitToSequence,
  kernel: splitToSequenceKernel,
  versions: [
    { since: 11, inputs: 'input:T, split?:I', outputs: 'output_sequence:S', attrs: { axis: 'int=0', keepdims: 'int=1' }, types: { T: '$all_v1', I: 'int32 int64', S: 'seq($all_v1)' } },
    { since: 24, inputs: 'input:T, split?:I', outputs: 'output_sequence:S', attrs: { axis: 'int=0', keepdims: 'int=1' }, types: { T: '$all_v13', I: 'int32 int64', S: 'seq($all_v13)' } },
  ],
});
