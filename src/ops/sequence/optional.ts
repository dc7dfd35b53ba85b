import { defineOp } from '../define.js';
import type { ValueType } from '../../ir/types.js';
import type { InferContext, KernelContext } from '../types.js';
import { OptionalValue, typeOfValue } from '../values.js';

/** optional(type of the input), or optional(`type`) when the input is omitted. */
function inferOptional(ctx: InferContext): (ValueType | undefined)[] {
  if (ctx.has(0)) {
    const t = ctx.input(0).type;
    if (t?.kind === 'optional') ctx.fail('the input is already an optional');
    return [t ? { kind: 'optional', elem: t } : { kind: 'optional' }];
  }
  const t = ctx.attr.optTypeProto('type');
  if (!t) ctx.fail('attribute "type" is required when the input is omitted');
  return [{ kind: 'optional', elem: t }];
}

function optionalKernel(ctx: KernelContext) {
  const v = ctx.inputs[0];
  if (v !== undefined) {
    if (v instanceof OptionalValue) ctx.fail('the input is already an optional');
    return [new OptionalValue(ctx.attr.optTypeProto('type') ?? typeOfValue(v), v)];
  }
  const t = ctx.attr.optTypeProto('type');
  if (!t) ctx.fail('attribute "type" is required when the input is omitted');
  return [new OptionalValue(t, undefined)];
}

/** An optional holding the input, or an empty optional of type `type`. */
export default defineOp({
  opType: 'Optional',
  category: 'sequence',
  traits: ['no-fold'],
  infer: inferOptional,
  kernel: optionalKernel,
  versions: [
    { since: 15, inputs: 'input?:V', outputs: 'output:O', attrs: { type: 'type_proto' }, types: { V: '$all_v1 seq($all_v1)', O: 'optional($all_v1) optional(seq($all_v1))' } },
  ],
});
