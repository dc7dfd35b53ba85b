import { defineOp } from '../define.js';
import { toFloat } from '../helpers/convert.js';
import { inferLoss, nllLoss } from '../helpers/nll.js';
import { computeBuffer, fromCompute } from '../helpers/normalize.js';
import { softmaxAlong, splitAt } from '../helpers/softmax.js';
import type { KernelContext } from '../types.js';

/** The negative log-likelihood of log_softmax(scores) along the class axis 1; log_prob is optional. */
function sceKernel(ctx: KernelContext) {
  const scores = ctx.input(0);
  if (scores.rank < 2) ctx.fail(`scores must have rank >= 2 (N x C x ...), got rank ${scores.rank}`);
  const [outer, len, inner] = splitAt(scores.dims, 1);
  const logp = computeBuffer(scores.dtype, scores.size);
  if (scores.size > 0) softmaxAlong(toFloat(scores), logp, outer, len, inner, 'logsoftmax');
  const loss = nllLoss(ctx, scores, logp, ctx.input(1), ctx.optionalInput(2));
  return ctx.outputCount > 1 ? [loss, fromCompute(scores.dtype, scores.dims, logp)] : [loss];
}

export default defineOp({
  opType: 'SoftmaxCrossEntropyLoss',
  category: 'loss',
  infer: (ctx) => {
    const out = [inferLoss(ctx)];
    if (ctx.outputCount > 1) out.push(ctx.input(0).type ?? { kind: 'tensor', elemType: ctx.input(0).elemType });
    return out;
  },
  kernel: sceKernel,
  versions: [
    { since: 12, inputs: 'scores:T, labels:Tind, weights?:T', outputs: 'output:T, log_prob?:T', attrs: { ignore_index: 'int', reduction: 'string=mean' }, types: { T: 'float16 float double', Tind: 'int32 int64' } },
    { since: 13, inputs: 'scores:T, labels:Tind, weights?:T', outputs: 'output:T, log_prob?:T', attrs: { ignore_index: 'int', reduction: 'string=mean' }, types: { T: 'float16 float double bfloat16', Tind: 'int32 int64' } },
  ],
});
