import { defineOp } from '../define.js';

export default defineOp({
  opType: 'BitwiseNot',
  category: 'math',
  versions: [
    { since: 18, inputs: 'X:T', outputs: 'Y:T', types: { T: 'uint8 uint16 uint32 uint64 int8 int16 int32 int64' } },
  ],
});
