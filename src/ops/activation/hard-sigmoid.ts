import { defineOp } from '../define.js';

export default defineOp({
  opType: 'HardSigmoid',
  category: 'activation',
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=0.2', beta: 'float=0.5', consumed_inputs: 'ints' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=0.2', beta: 'float=0.5' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=0.2', beta: 'float=0.5' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
