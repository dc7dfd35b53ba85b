import { defineOp } from '../define.js';

export default defineOp({
  opType: 'LeakyRelu',
  category: 'activation',
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=0.01', consumed_inputs: 'ints' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=0.01' }, types: { T: 'float16 float double' } },
    { since: 16, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=0.01' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
