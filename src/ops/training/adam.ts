import { defineOp } from '../define.js';
import { optimizerInfer, optimizerKernel } from '../helpers/optimizer.js';

/** One Adam step: inputs R, T, X..., G..., V..., H...; outputs X_new..., V_new..., H_new.... */
export default defineOp({
  domain: 'ai.onnx.preview.training',
  opType: 'Adam',
  category: 'training',
  infer: optimizerInfer(4, [0, 2, 3]),
  kernel: optimizerKernel(4, 3, (ctx, { r: R, t: T }) => {
    const alpha = ctx.attr.float('alpha');
    const beta = ctx.attr.float('beta');
    const eps = ctx.attr.float('epsilon');
    const norm = ctx.attr.float('norm_coefficient');
    const post = ctx.attr.float('norm_coefficient_post');
    const r = T > 0 ? (R * Math.sqrt(1 - beta ** T)) / (1 - alpha ** T) : R;
    return (ins, outs) => {
      const g = norm * ins[0]! + ins[1]!;
      const v = alpha * ins[2]! + (1 - alpha) * g;
      const h = beta * ins[3]! + (1 - beta) * g * g;
      const x = ins[0]! - (r * v) / (Math.sqrt(h) + eps);
      outs[0] = (1 - post) * x;
      outs[1] = v;
      outs[2] = h;
    };
  }),
  versions: [
    { since: 1, inputs: 'R:T1, T:T2, inputs...h:T3', outputs: 'outputs...h:T3', attrs: { alpha: 'float=0.9', beta: 'float=0.999', epsilon: 'float=0.0', norm_coefficient: 'float=0.0', norm_coefficient_post: 'float=0.0' }, types: { T1: 'float double', T2: 'int64', T3: 'float double' } },
  ],
});
