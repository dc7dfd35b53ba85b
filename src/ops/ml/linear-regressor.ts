import { defineOp } from '../define.js';

export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'LinearRegressor',
  category: 'ml',
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:tensor(float)', attrs: { coefficients: 'floats', intercepts: 'floats', post_transform: 'string=NONE', targets: 'int=1' }, types: { T: 'float double int64 int32' } },
  ],
});
