import { defineOp } from '../define.js';

export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'ZipMap',
  category: 'ml',
  versions: [
    { since: 1, inputs: 'X:tensor(float)', outputs: 'Z:T', attrs: { classlabels_int64s: 'ints', classlabels_strings: 'strings' }, types: { T: 'seq(map(string,float)) seq(map(int64,float))' } },
  ],
});
