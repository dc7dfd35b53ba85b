import { defineOp } from '../define.js';

export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'OneHotEncoder',
  category: 'ml',
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:tensor(float)', attrs: { cats_int64s: 'ints', cats_strings: 'strings', zeros: 'int=1' }, types: { T: 'string int64 int32 float double' } },
  ],
});
