import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { describeValue } from '../helpers/sequence.js';
import type { InferContext, KernelContext } from '../types.js';
import { OptionalValue } from '../values.js';

function inferHasElementV15(ctx: InferContext): (ValueType | undefined)[] {
  const t = ctx.input(0).type;
  if (t && t.kind !== 'optional') ctx.fail(`the input should be an optional, got a ${t.kind}`);
  return [tensorType(DataType.BOOL, [])];
}

function inferHasElement(): (ValueType | undefined)[] {
  return [tensorType(DataType.BOOL, [])];
}

function hasElementKernel(ctx: KernelContext) {
  const v = ctx.inputs[0];
  const has = v instanceof OptionalValue ? v.value !== undefined : v !== undefined;
  return [Tensor.fromData(DataType.BOOL, [], Uint8Array.of(has ? 1 : 0))];
}

function hasElementKernelV15(ctx: KernelContext) {
  const v = ctx.inputs[0];
  if (!(v instanceof OptionalValue)) ctx.fail(`the input should be an optional, got ${describeValue(v)}`);
  return hasElementKernel(ctx);
}

/** Whether an optional holds a value (from 18: an omitted input is empty, a plain tensor or sequence is not). */
export default defineOp({
  opType: 'OptionalHasElement',
  category: 'sequence',
  traits: ['no-fold'],
  infer: inferHasElement,
  kernel: hasElementKernel,
  versions: [
    { since: 15, inputs: 'input:O', outputs: 'output:B', types: { O: 'optional($all_v1) optional(seq($all_v1))', B: 'bool' }, infer: inferHasElementV15, kernel: hasElementKernelV15 },
    { since: 18, inputs: 'input?:O', outputs: 'output:B', types: { O: '$all_v1 seq($all_v1) optional($all_v1) optional(seq($all_v1))', B: 'bool' } },
  ],
});
