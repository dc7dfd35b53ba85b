import { defineOp } from '../define.js';

export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'Normalizer',
  category: 'ml',
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:tensor(float)', attrs: { norm: 'string=MAX' }, types: { T: 'float double int64 int32' } },
  ],
});
