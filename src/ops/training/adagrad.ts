import { defineOp } from '../define.js';

export default defineOp({
  domain: 'ai.onnx.preview.training',
  opType: 'Adagrad',
  category: 'training',
  versions: [
    { since: 1, inputs: 'R:T1, T:T2, inputs...h:T3', outputs: 'outputs...h:T3', attrs: { decay_factor: 'float=0.0', epsilon: 'float=0.0', norm_coefficient: 'float=0.0' }, types: { T1: 'float double', T2: 'int64', T3: 'float double' } },
  ],
});
