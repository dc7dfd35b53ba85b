import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Multinomial',
  category: 'random',
  versions: [
    { since: 7, inputs: 'input:T1', outputs: 'output:T2', attrs: { dtype: 'int=6', sample_size: 'int=1', seed: 'float' }, types: { T1: 'float16 float double', T2: 'int32 int64' } },
    { since: 22, inputs: 'input:T1', outputs: 'output:T2', attrs: { dtype: 'int=6', sample_size: 'int=1', seed: 'float' }, types: { T1: 'bfloat16 float16 float double', T2: 'int32 int64' } },
  ],
});
