import { defineOp } from '../define.js';

export default defineOp({
  opType: 'IsInf',
  category: 'math',
  versions: [
    { since: 10, inputs: 'X:T1', outputs: 'Y:T2', attrs: { detect_negative: 'int=1', detect_positive: 'int=1' }, types: { T1: 'float double', T2: 'bool' } },
    { since: 20, inputs: 'X:T1', outputs: 'Y:T2', attrs: { detect_negative: 'int=1', detect_positive: 'int=1' }, types: { T1: 'bfloat16 float16 float double float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz', T2: 'bool' } },
  ],
});
