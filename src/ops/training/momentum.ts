import { defineOp } from '../define.js';
import { optimizerInfer, optimizerKernel } from '../helpers/optimizer.js';

/** One step of SGD with standard or Nesterov momentum: inputs R, T, X..., G..., V...; outputs X_new..., V_new.... */
export default defineOp({
  domain: 'ai.onnx.preview.training',
  opType: 'Momentum',
  category: 'training',
  infer: optimizerInfer(3, [0, 2]),
  kernel: optimizerKernel(3, 2, (ctx, { r: R, t: T }) => {
    const alpha = ctx.attr.float('alpha');
    const beta = T > 0 ? ctx.attr.float('beta') : 1;
    const norm = ctx.attr.float('norm_coefficient');
    const mode = ctx.attr.string('mode');
    if (mode !== 'standard' && mode !== 'nesterov') ctx.fail(`mode should be "standard" or "nesterov", got "${mode}"`);
    const nesterov = mode === 'nesterov';
    return (ins, outs) => {
      const g = norm * ins[0]! + ins[1]!;
      const v = alpha * ins[2]! + beta * g;
      outs[0] = ins[0]! - R * (nesterov ? g + alpha * v : v);
      outs[1] = v;
    };
  }),
  versions: [
    { since: 1, inputs: 'R:T1, T:T2, inputs...h:T3', outputs: 'outputs...h:T3', attrs: { alpha: 'float!', beta: 'float!', mode: 'string!', norm_coefficient: 'float!' }, types: { T1: 'float double', T2: 'int64', T3: 'float double' } },
  ],
});
