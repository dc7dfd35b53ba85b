import { defineOp } from '../define.js';

export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'SVMRegressor',
  category: 'ml',
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:tensor(float)', attrs: { coefficients: 'floats', kernel_params: 'floats', kernel_type: 'string=LINEAR', n_supports: 'int=0', one_class: 'int=0', post_transform: 'string=NONE', rho: 'floats', support_vectors: 'floats' }, types: { T: 'float double int64 int32' } },
  ],
});
