import { defineOp } from '../define.js';

export default defineOp({
  domain: 'ai.onnx.preview.training',
  opType: 'Gradient',
  category: 'training',
  versions: [
    { since: 1, inputs: 'Inputs...h:T1', outputs: 'Outputs...h:T2', attrs: { xs: 'strings!', y: 'string!', zs: 'strings' }, types: { T1: '$all_v1', T2: 'float16 float double' } },
  ],
});
