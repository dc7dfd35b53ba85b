import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Elu',
  category: 'activation',
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0', consumed_inputs: 'ints' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
