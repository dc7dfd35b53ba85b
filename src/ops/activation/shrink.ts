import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Shrink',
  category: 'activation',
  versions: [
    { since: 9, inputs: 'input:T', outputs: 'output:T', attrs: { bias: 'float=0.0', lambd: 'float=0.5' }, types: { T: '$numeric' } },
  ],
});
