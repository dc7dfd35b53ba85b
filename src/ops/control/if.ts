import { defineOp } from '../define.js';
import type { ValueType } from '../../ir/types.js';
import { mergeBranchTypes } from '../helpers/control.js';
import { scalarOf } from '../helpers/convert.js';
import type { InferContext, KernelContext } from '../types.js';

/**
 * The outputs are those of the branch taken. Inference types both branches; with a known condition
 * (torch's scripted squeeze(dim) is If(size == 1, Squeeze, Identity)) the outputs are the taken
 * branch's, else both are merged (a dim that differs becomes unknown).
 */
function inferIf(ctx: InferContext): (ValueType | undefined)[] {
  const thenTypes = ctx.inferGraph(ctx.attr.graph('then_branch'), []);
  const elseTypes = ctx.inferGraph(ctx.attr.graph('else_branch'), []);
  if (thenTypes.length !== elseTypes.length) {
    ctx.fail(`then_branch has ${thenTypes.length} outputs but else_branch has ${elseTypes.length}`);
  }
  if (thenTypes.length !== ctx.outputCount) ctx.fail(`the branches have ${thenTypes.length} outputs but the node has ${ctx.outputCount}`);
  const cond = ctx.input(0).value;
  if (cond?.size === 1) return scalarOf(cond) !== 0 ? thenTypes : elseTypes;
  return thenTypes.map((t, i) => mergeBranchTypes(t, elseTypes[i], (m) => ctx.fail(`output ${i}: ${m}`)));
}

function ifKernel(ctx: KernelContext) {
  const cond = scalarOf(ctx.input(0)) !== 0;
  return ctx.runGraph(ctx.attr.graph(cond ? 'then_branch' : 'else_branch'), []);
}

export default defineOp({
  opType: 'If',
  category: 'control',
  traits: ['no-fold'],
  infer: inferIf,
  kernel: ifKernel,
  versions: [
    { since: 1, inputs: 'cond:B', outputs: 'outputs...h:V', attrs: { else_branch: 'graph!', then_branch: 'graph!' }, types: { V: '$all_v1', B: 'bool' } },
    { since: 11, inputs: 'cond:B', outputs: 'outputs...h:V', attrs: { else_branch: 'graph!', then_branch: 'graph!' }, types: { V: '$all_v1', B: 'bool' } },
    { since: 13, inputs: 'cond:B', outputs: 'outputs...h:V', attrs: { else_branch: 'graph!', then_branch: 'graph!' }, types: { V: '$all_v1 seq($all_v1)', B: 'bool' } },
    { since: 16, inputs: 'cond:B', outputs: 'outputs...h:V', attrs: { else_branch: 'graph!', then_branch: 'graph!' }, types: { V: '$all_v13 seq($all_v13) optional($all_v13) optional(seq($all_v13))', B: 'bool' } },
    { since: 19, inputs: 'cond:B', outputs: 'outputs...h:V', attrs: { else_branch: 'graph!', then_branch: 'graph!' }, types: { V: '$all_v19 seq($all_v19) optional($all_v19) optional(seq($all_v13))', B: 'bool' } },
    { since: 21, inputs: 'cond:B', outputs: 'outputs...h:V', attrs: { else_branch: 'graph!', then_branch: 'graph!' }, types: { V: '$all_v21 seq($all_v21) optional($all_v21) optional(seq($all_v13))', B: 'bool' } },
    { since: 23, inputs: 'cond:B', outputs: 'outputs...h:V', attrs: { else_branch: 'graph!', then_branch: 'graph!' }, types: { V: '$all_v23 seq($all_v23) optional($all_v23) optional(seq($all_v13))', B: 'bool' } },
    { since: 24, inputs: 'cond:B', outputs: 'outputs...h:V', attrs: { else_branch: 'graph!', then_branch: 'graph!' }, types: { V: '$all_v24 seq($all_v24) optional($all_v24) optional(seq($all_v13))', B: 'bool' } },
    { since: 25, inputs: 'cond:B', outputs: 'outputs...h:V', attrs: { else_branch: 'graph!', then_branch: 'graph!' }, types: { V: '$all_v25 seq($all_v25) optional($all_v25) optional(seq($all_v13))', B: 'bool' } },
  ],
});
