import { defineOp } from '../define.js';

export default defineOp({
  opType: 'RandomUniformLike',
  category: 'random',
  versions: [
    { since: 1, inputs: 'input:T1', outputs: 'output:T2', attrs: { dtype: 'int', high: 'float=1.0', low: 'float=0.0', seed: 'float' }, types: { T1: '$all_v1', T2: 'float16 float double' } },
    { since: 22, inputs: 'input:T1', outputs: 'output:T2', attrs: { dtype: 'int', high: 'float=1.0', low: 'float=0.0', seed: 'float' }, types: { T1: '$all_v13', T2: 'bfloat16 float16 float double' } },
  ],
});
