import { defineOp } from '../define.js';

export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'LinearClassifier',
  category: 'ml',
  versions: [
    { since: 1, inputs: 'X:T1', outputs: 'Y:T2, Z:tensor(float)', attrs: { classlabels_ints: 'ints', classlabels_strings: 'strings', coefficients: 'floats!', intercepts: 'floats', multi_class: 'int=0', post_transform: 'string=NONE' }, types: { T1: 'float double int64 int32', T2: 'string int64' } },
  ],
});
