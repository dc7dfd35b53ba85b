import { defineOp } from '../define.js';

export default defineOp({
  domain: 'ai.onnx.preview.training',
  opType: 'Momentum',
  category: 'training',
  versions: [
    { since: 1, inputs: 'R:T1, T:T2, inputs...h:T3', outputs: 'outputs...h:T3', attrs: { alpha: 'float!', beta: 'float!', mode: 'string!', norm_coefficient: 'float!' }, types: { T1: 'float double', T2: 'int64', T3: 'float double' } },
  ],
});
