import { defineOp } from '../define.js';

export default defineOp({
  opType: 'NegativeLogLikelihoodLoss',
  category: 'loss',
  versions: [
    { since: 12, inputs: 'input:T, target:Tind, weight?:T', outputs: 'loss:T', attrs: { ignore_index: 'int', reduction: 'string=mean' }, types: { T: 'float16 float double', Tind: 'int32 int64' } },
    { since: 13, inputs: 'input:T, target:Tind, weight?:T', outputs: 'loss:T', attrs: { ignore_index: 'int', reduction: 'string=mean' }, types: { T: 'float16 float double', Tind: 'int32 int64' } },
    { since: 22, inputs: 'input:T, target:Tind, weight?:T', outputs: 'loss:T', attrs: { ignore_index: 'int', reduction: 'string=mean' }, types: { T: 'bfloat16 float16 float double', Tind: 'int32 int64' } },
  ],
});
