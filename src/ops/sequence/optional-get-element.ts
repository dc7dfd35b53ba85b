import { defineOp } from '../define.js';
import type { ValueType } from '../../ir/types.js';
import { describeValue } from '../helpers/sequence.js';
import type { InferContext, KernelContext } from '../types.js';
import { OptionalValue } from '../values.js';

function inferGetElementV15(ctx: InferContext): (ValueType | undefined)[] {
  const t = ctx.input(0).type;
  if (t && t.kind !== 'optional') ctx.fail(`the input should be an optional, got a ${t.kind}`);
  return [t?.elem];
}

function inferGetElement(ctx: InferContext): (ValueType | undefined)[] {
  const t = ctx.input(0).type;
  return [t?.kind === 'optional' ? t.elem : t];
}

function getElementKernel(ctx: KernelContext) {
  const v = ctx.inputs[0];
  if (v === undefined) ctx.fail('the input is required');
  if (!(v instanceof OptionalValue)) return [v];
  if (v.value === undefined) ctx.fail('the optional is empty');
  return [v.value];
}

function getElementKernelV15(ctx: KernelContext) {
  const v = ctx.inputs[0];
  if (!(v instanceof OptionalValue)) ctx.fail(`the input should be an optional, got ${describeValue(v)}`);
  return getElementKernel(ctx);
}

/** The value an optional holds (an error when empty); from 18 a plain tensor or sequence passes through. */
export default defineOp({
  opType: 'OptionalGetElement',
  category: 'sequence',
  traits: ['no-fold'],
  infer: inferGetElement,
  kernel: getElementKernel,
  versions: [
    { since: 15, inputs: 'input:O', outputs: 'output:V', types: { O: 'optional($all_v1) optional(seq($all_v1))', V: '$all_v1 seq($all_v1)' }, infer: inferGetElementV15, kernel: getElementKernelV15 },
    { since: 18, inputs: 'input:O', outputs: 'output:V', types: { O: '$all_v1 seq($all_v1) optional($all_v1) optional(seq($all_v1))', V: '$all_v1 seq($all_v1)' } },
  ],
});
