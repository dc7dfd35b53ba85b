import { defineOp } from '../define.js';
import type { ValueType } from '../../ir/types.js';
import type { InferContext, KernelContext } from '../types.js';

/** output = input: any tensor, sequence or optional; symbolic elements pass through. */
function inferIdentity(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  if (x.symbolic) ctx.setSymbolic(0, x.symbolic);
  return [x.type];
}

function identityKernel(ctx: KernelContext) {
  const x = ctx.inputs[0];
  if (x === undefined) ctx.fail('input is missing');
  return [x];
}

export default defineOp({
  opType: 'Identity',
  category: 'shape',
  infer: inferIdentity,
  kernel: identityKernel,
  flops: () => 0,
  versions: [
    { since: 1, inputs: 'input:T', outputs: 'output:T', types: { T: '$all_v1' } },
    { since: 13, inputs: 'input:T', outputs: 'output:T', types: { T: '$all_v13' } },
    { since: 14, inputs: 'input:V', outputs: 'output:V', types: { V: '$all_v13 seq($all_v1)' } },
    { since: 16, inputs: 'input:V', outputs: 'output:V', types: { V: '$all_v13 seq($all_v1) optional($all_v1) optional(seq($all_v1))' } },
    { since: 19, inputs: 'input:V', outputs: 'output:V', types: { V: '$all_v19 seq($all_v1) optional($all_v1) optional(seq($all_v1))' } },
    { since: 21, inputs: 'input:V', outputs: 'output:V', types: { V: '$all_v21 seq($all_v1) optional($all_v1) optional(seq($all_v1))' } },
    { since: 23, inputs: 'input:V', outputs: 'output:V', types: { V: '$all_v23 seq($all_v1) optional($all_v1) optional(seq($all_v1))' } },
    { since: 24, inputs: 'input:V', outputs: 'output:V', types: { V: '$all_v24 seq($all_v1) optional($all_v1) optional(seq($all_v1))' } },
    { since: 25, inputs: 'input:V', outputs: 'output:V', types: { V: '$all_v25 seq($all_v1) optional($all_v1) optional(seq($all_v1))' } },
  ],
});
