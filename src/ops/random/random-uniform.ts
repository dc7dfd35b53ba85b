import { defineOp } from '../define.js';

export default defineOp({
  opType: 'RandomUniform',
  category: 'random',
  versions: [
    { since: 1, inputs: '', outputs: 'output:T', attrs: { dtype: 'int=1', high: 'float=1.0', low: 'float=0.0', seed: 'float', shape: 'ints!' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: '', outputs: 'output:T', attrs: { dtype: 'int=1', high: 'float=1.0', low: 'float=0.0', seed: 'float', shape: 'ints!' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
