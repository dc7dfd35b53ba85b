import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Swish',
  category: 'activation',
  versions: [
    { since: 24, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0' }, types: { T: 'float16 float bfloat16 double' } },
  ],
});
