import { defineOp } from '../define.js';

export default defineOp({
  opType: 'RotaryEmbedding',
  category: 'attention',
  versions: [
    { since: 23, inputs: 'X:T, cos_cache:T, sin_cache:T, position_ids?:M', outputs: 'Y:T', attrs: { interleaved: 'int=0', num_heads: 'int', rotary_embedding_dim: 'int=0' }, types: { T: 'float float16 bfloat16', M: 'int64' } },
  ],
});
