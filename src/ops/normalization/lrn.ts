import { defineOp } from '../define.js';

export default defineOp({
  opType: 'LRN',
  category: 'normalization',
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=0.0001', beta: 'float=0.75', bias: 'float=1.0', size: 'int!' }, types: { T: 'float16 float double' } },
    { since: 13, inputs: 'X:T', outputs: 'Y:T', attrs: { alpha: 'float=0.0001', beta: 'float=0.75', bias: 'float=1.0', size: 'int!' }, types: { T: 'float16 float double bfloat16' } },
  ],
});
