import { defineOp } from '../define.js';

export default defineOp({
  opType: 'SwiGLU',
  category: 'activation',
  versions: [
    { since: 28, inputs: 'A:T, B:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
