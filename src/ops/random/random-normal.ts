import { defineOp } from '../define.js';

export default defineOp({
  opType: 'RandomNormal',
  category: 'random',
  versions: [
    { since: 1, inputs: '', outputs: 'output:T', attrs: { dtype: 'int=1', mean: 'float=0.0', scale: 'float=1.0', seed: 'float', shape: 'ints!' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: '', outputs: 'output:T', attrs: { dtype: 'int=1', mean: 'float=0.0', scale: 'float=1.0', seed: 'float', shape: 'ints!' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
