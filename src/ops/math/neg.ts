import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Neg',
  category: 'math',
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { consumed_inputs: 'ints' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'X:T', outputs: 'Y:T', types: { T: 'float int32 int8 int16 int64 float16 double' } },
    { since: 13, inputs: 'X:T', outputs: 'Y:T', types: { T: 'float int32 int8 int16 int64 float16 double bfloat16' } },
  ],
});
