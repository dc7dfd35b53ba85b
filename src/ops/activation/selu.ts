import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Selu',
  category: 'activation',
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=1.6732', consumed_inputs: 'ints', gamma: 'float=1.0507' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=1.67326', gamma: 'float=1.0507' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=1.67326', gamma: 'float=1.0507' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
