import { defineOp } from '../define.js';

export default defineOp({
  opType: 'BitwiseOr',
  category: 'math',
  versions: [
    { since: 18, inputs: 'A:T, B:T', outputs: 'C:T', types: { T: 'uint8 uint16 uint32 uint64 int8 int16 int32 int64' } },
  ],
});
