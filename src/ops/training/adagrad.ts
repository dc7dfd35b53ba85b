import { defineOp } from '../define.js';
import { optimizerInfer, optimizerKernel } from '../helpers/optimizer.js';

/** One Adagrad step: inputs R, T, X..., G..., H...; outputs X_new..., H_new.... */
export default defineOp({
  domain: 'ai.onnx.preview.training',
  opType: 'Adagrad',
  category: 'training',
  infer: optimizerInfer(3, [0, 2]),
  kernel: optimizerKernel(3, 2, (ctx, { r: R, t: T }) => {
    const decay = ctx.attr.float('decay_factor');
    const eps = ctx.attr.float('epsilon');
    const norm = ctx.attr.float('norm_coefficient');
    const r = R / (1 + T * decay);
    return (ins, outs) => {
      const g = norm * ins[0]! + ins[1]!;
      const h = ins[2]! + g * g;
      outs[0] = ins[0]! - (r * g) / (Math.sqrt(h) + eps);
      outs[1] = h;
    };
  }),
  versions: [
    { since: 1, inputs: 'R:T1, T:T2, inputs...h:T3', outputs: 'outputs...h:T3', attrs: { decay_factor: 'float=0.0', epsilon: 'float=0.0', norm_coefficient: 'float=0.0' }, types: { T1: 'float double', T2: 'int64', T3: 'float double' } },
  ],
});
