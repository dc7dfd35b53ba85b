import { defineOp } from '../define.js';
import { softmaxFlops, softmaxInfer, softmaxKernel } from '../helpers/softmax-op.js';

const coerced = { infer: softmaxInfer(true), kernel: softmaxKernel('logsoftmax', true) };

/** x - max - log(sum(exp(x - max))) along `axis` (before opset 13: over the input flattened to 2-D at `axis`). */
export default defineOp({
  opType: 'LogSoftmax',
  category: 'activation',
  infer: softmaxInfer(false),
  kernel: softmaxKernel('logsoftmax', false),
  flops: softmaxFlops,
  versions: [
    { since: 1, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=1' }, types: { T: 'float16 float double' }, ...coerced },
    { since: 11, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=1' }, types: { T: 'float16 float double' }, ...coerced },
    { since: 13, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=-1' }, types: { T: 'float16 float double bfloat16' } },
  ],
});
