import { defineOp } from '../define.js';

export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'SVMClassifier',
  category: 'ml',
  versions: [
    { since: 1, inputs: 'X:T1', outputs: 'Y:T2, Z:tensor(float)', attrs: { classlabels_ints: 'ints', classlabels_strings: 'strings', coefficients: 'floats', kernel_params: 'floats', kernel_type: 'string=LINEAR', post_transform: 'string=NONE', prob_a: 'floats', prob_b: 'floats', rho: 'floats', support_vectors: 'floats', vectors_per_class: 'ints' }, types: { T1: 'float double int64 int32', T2: 'string int64' } },
  ],
});
