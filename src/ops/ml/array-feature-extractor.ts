import { defineOp } from '../define.js';

export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'ArrayFeatureExtractor',
  category: 'ml',
  versions: [
    { since: 1, inputs: 'X:T, Y:tensor(int64)', outputs: 'Z:T', types: { T: 'float double int64 int32 string' } },
  ],
});
