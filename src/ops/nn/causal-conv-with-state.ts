import { defineOp } from '../define.js';

export default defineOp({
  opType: 'CausalConvWithState',
  category: 'nn',
  versions: [
    { since: 27, inputs: 'input:T, weight:T, bias?:T, past_state?:T', outputs: 'output:T, present_state:T', attrs: { activation: 'string=none' }, types: { T: 'float float16 bfloat16' } },
  ],
});
