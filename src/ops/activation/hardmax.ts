import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Hardmax',
  category: 'activation',
  versions: [
    { since: 1, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=1' }, types: { T: 'float16 float double' } },
    { since: 11, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=1' }, types: { T: 'float16 float double' } },
    { since: 13, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=-1' }, types: { T: 'float16 float double bfloat16' } },
  ],
});
