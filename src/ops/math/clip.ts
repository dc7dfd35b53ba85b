import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Clip',
  category: 'math',
  versions: [
    { since: 1, inputs: 'input:T', outputs: 'output:T', attrs: { consumed_inputs: 'ints', max: 'float', min: 'float' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'input:T', outputs: 'output:T', attrs: { max: 'float=3.402823e+38', min: 'float=-3.402823e+38' }, types: { T: 'float16 float double' } },
    { since: 11, inputs: 'input:T, min?:T, max?:T', outputs: 'output:T', types: { T: 'float16 float double' } },
    { since: 12, inputs: 'input:T, min?:T, max?:T', outputs: 'output:T', types: { T: '$numeric' } },
    { since: 13, inputs: 'input:T, min?:T, max?:T', outputs: 'output:T', types: { T: '$numeric_v13' } },
  ],
});
