import { defineOp } from '../define.js';
import { typeString, type ValueType } from '../../ir/types.js';
import type { InferContext } from '../types.js';

/** Output i is the gradient of y with respect to xs[i]: the type and shape of input i (the value of xs[i]). */
function inferGradient(ctx: InferContext): (ValueType | undefined)[] {
  const xs = ctx.attr.strings('xs');
  const zs = ctx.attr.optStrings('zs') ?? [];
  ctx.attr.string('y');
  if (ctx.inputCount !== xs.length + zs.length) ctx.fail(`has ${ctx.inputCount} inputs, expected ${xs.length + zs.length} (xs then zs)`);
  if (ctx.outputCount !== xs.length) ctx.fail(`has ${ctx.outputCount} outputs, expected one per entry of xs (${xs.length})`);
  return xs.map((_, i) => {
    const t = ctx.input(i).type;
    if (t && t.kind !== 'tensor') ctx.fail(`input ${i} should be a tensor, got ${typeString(t)}`);
    return t;
  });
}

/**
 * The gradient of tensor y with respect to the tensors xs. Inference only: running it needs
 * automatic differentiation of the graph, which the reference executor does not do.
 */
export default defineOp({
  domain: 'ai.onnx.preview.training',
  opType: 'Gradient',
  category: 'training',
  traits: ['no-fold'],
  infer: inferGradient,
  versions: [
    { since: 1, inputs: 'Inputs...h:T1', outputs: 'Outputs...h:T2', attrs: { xs: 'strings!', y: 'string!', zs: 'strings' }, types: { T1: '$all_v1', T2: 'float16 float double' } },
  ],
});
