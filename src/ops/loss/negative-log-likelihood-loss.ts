import { defineOp } from '../define.js';
import { toFloat } from '../helpers/convert.js';
import { inferLoss, nllLoss } from '../helpers/nll.js';
import type { KernelContext } from '../types.js';

/** loss = -input[n, target[n, d], d] * weight[target[n, d]], reduced by none, sum or (weighted) mean. */
function nllKernel(ctx: KernelContext) {
  const input = ctx.input(0);
  return [nllLoss(ctx, input, toFloat(input), ctx.input(1), ctx.optionalInput(2))];
}

export default defineOp({
  opType: 'NegativeLogLikelihoodLoss',
  category: 'loss',
  infer: (ctx) => [inferLoss(ctx)],
  kernel: nllKernel,
  versions: [
    { since: 12, inputs: 'input:T, target:Tind, weight?:T', outputs: 'loss:T', attrs: { ignore_index: 'int', reduction: 'string=mean' }, types: { T: 'float16 float double', Tind: 'int32 int64' } },
    { since: 13, inputs: 'input:T, target:Tind, weight?:T', outputs: 'loss:T', attrs: { ignore_index: 'int', reduction: 'string=mean' }, types: { T: 'float16 float double', Tind: 'int32 int64' } },
    { since: 22, inputs: 'input:T, target:Tind, weight?:T', outputs: 'loss:T', attrs: { ignore_index: 'int', reduction: 'string=mean' }, types: { T: 'bfloat16 float16 float double', Tind: 'int32 int64' } },
  ],
});
