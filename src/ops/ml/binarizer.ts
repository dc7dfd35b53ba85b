import { defineOp } from '../define.js';

export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'Binarizer',
  category: 'ml',
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { threshold: 'float=0.0' }, types: { T: 'float double int64 int32' } },
  ],
});
