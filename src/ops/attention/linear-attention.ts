import { defineOp } from '../define.js';

export default defineOp({
  opType: 'LinearAttention',
  category: 'attention',
  versions: [
    { since: 27, inputs: 'query:T, key:T, value:T, past_state?:S, decay?:T, beta?:T', outputs: 'output:T, present_state:S', attrs: { chunk_size: 'int=64', kv_num_heads: 'int!', q_num_heads: 'int!', scale: 'float=0.0', update_rule: 'string=gated_delta' }, types: { T: 'float16 bfloat16 float', S: 'float16 bfloat16 float' } },
  ],
});
