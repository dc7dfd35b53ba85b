import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Celu',
  category: 'activation',
  versions: [
    { since: 12, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0' }, types: { T: 'float' } },
    { since: 28, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
