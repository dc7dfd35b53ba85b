import { defineOp } from '../define.js';

export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'CategoryMapper',
  category: 'ml',
  versions: [
    { since: 1, inputs: 'X:T1', outputs: 'Y:T2', attrs: { cats_int64s: 'ints', cats_strings: 'strings', default_int64: 'int=-1', default_string: 'string=_Unused' }, types: { T1: 'string int64', T2: 'string int64' } },
  ],
});
