import { defineOp } from '../define.js';

export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'FeatureVectorizer',
  category: 'ml',
  versions: [
    { since: 1, inputs: 'X...:T1', outputs: 'Y:tensor(float)', attrs: { inputdimensions: 'ints' }, types: { T1: 'int32 int64 float double' } },
  ],
});
