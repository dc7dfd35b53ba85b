import { defineOp } from '../define.js';

export default defineOp({
  opType: 'MatMul',
  category: 'math',
  versions: [
    { since: 1, inputs: 'A:T, B:T', outputs: 'Y:T', types: { T: 'float16 float double' } },
    { since: 9, inputs: 'A:T, B:T', outputs: 'Y:T', types: { T: 'float16 float double uint32 uint64 int32 int64' } },
    { since: 13, inputs: 'A:T, B:T', outputs: 'Y:T', types: { T: 'float16 float double uint32 uint64 int32 int64 bfloat16' } },
  ],
});
