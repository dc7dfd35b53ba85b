import { defineOp } from '../define.js';

export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'DictVectorizer',
  category: 'ml',
  versions: [
    { since: 1, inputs: 'X:T1', outputs: 'Y:T2', attrs: { int64_vocabulary: 'ints', string_vocabulary: 'strings' }, types: { T1: 'map(string,int64) map(int64,string) map(int64,float) map(int64,double) map(string,float) map(string,double)', T2: 'int64 float double string' } },
  ],
});
