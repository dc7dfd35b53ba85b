import { defineOp } from '../define.js';

export default defineOp({
  opType: 'SoftmaxCrossEntropyLoss',
  category: 'loss',
  versions: [
    { since: 12, inputs: 'scores:T, labels:Tind, weights?:T', outputs: 'output:T, log_prob?:T', attrs: { ignore_index: 'int', reduction: 'string=mean' }, types: { T: 'float16 float double', Tind: 'int32 int64' } },
    { since: 13, inputs: 'scores:T, labels:Tind, weights?:T', outputs: 'output:T, log_prob?:T', attrs: { ignore_index: 'int', reduction: 'string=mean' }, types: { T: 'float16 float double bfloat16', Tind: 'int32 int64' } },
  ],
});
