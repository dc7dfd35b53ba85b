import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Gelu',
  category: 'activation',
  versions: [
    { since: 20, inputs: 'X:T', outputs: 'Y:T', attrs: { approximate: 'string=none' }, types: { T: 'float16 float double bfloat16' } },
  ],
});
