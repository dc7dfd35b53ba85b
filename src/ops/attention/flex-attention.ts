import { defineOp } from '../define.js';

export default defineOp({
  domain: 'ai.onnx.preview',
  opType: 'FlexAttention',
  category: 'attention',
  versions: [
    { since: 1, inputs: 'Q:T1, K:T1, V:T1', outputs: 'Y:T1', attrs: { prob_mod: 'graph', scale: 'float', score_mod: 'graph', softmax_precision: 'int' }, types: { T1: 'bfloat16 float16 float double' } },
  ],
});
