import { defineOp } from '../define.js';

export default defineOp({
  opType: 'LpNormalization',
  category: 'normalization',
  versions: [
    { since: 1, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=-1', p: 'int=2' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=-1', p: 'int=2' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
