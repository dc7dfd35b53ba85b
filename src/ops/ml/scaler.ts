import { defineOp } from '../define.js';

export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'Scaler',
  category: 'ml',
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:tensor(float)', attrs: { offset: 'floats', scale: 'floats' }, types: { T: 'float double int64 int32' } },
  ],
});
