import { defineOp } from '../define.js';

export default defineOp({
  opType: 'InstanceNormalization',
  category: 'normalization',
  versions: [
    { since: 1, inputs: 'input:T, scale:T, B:T', outputs: 'output:T', attrs: { consumed_inputs: 'ints', epsilon: 'float=1e-05' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'input:T, scale:T, B:T', outputs: 'output:T', attrs: { epsilon: 'float=1e-05' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: 'input:T, scale:T, B:T', outputs: 'output:T', attrs: { epsilon: 'float=1e-05' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
