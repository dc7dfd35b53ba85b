import { defineOp } from '../define.js';

export default defineOp({
  opType: 'GlobalLpPool',
  category: 'pool',
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { p: 'float=2.0' }, types: { T: 'float16 float double' } },
    { since: 2, inputs: 'X:T', outputs: 'Y:T', attrs: { p: 'int=2' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: 'X:T', outputs: 'Y:T', attrs: { p: 'int=2' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
