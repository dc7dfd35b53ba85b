import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Pow',
  category: 'math',
  versions: [
    { since: 1, inputs: 'X:T, Y:T', outputs: 'Z:T', attrs: { axis: 'int', broadcast: 'int=0' }, types: { T: 'float16 float double' } },
    { since: 7, inputs: 'X:T, Y:T', outputs: 'Z:T', types: { T: 'float16 float double' } },
    { since: 12, inputs: 'X:T, Y:T1', outputs: 'Z:T', types: { T: 'int32 int64 float16 float double', T1: '$numeric' } },
    { since: 13, inputs: 'X:T, Y:T1', outputs: 'Z:T', types: { T: 'int32 int64 float16 float double bfloat16', T1: '$numeric' } },
    { since: 15, inputs: 'X:T, Y:T1', outputs: 'Z:T', types: { T: 'int32 int64 float16 float double bfloat16', T1: '$numeric_v13' } },
  ],
});
