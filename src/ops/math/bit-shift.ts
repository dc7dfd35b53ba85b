import { defineOp } from '../define.js';

export default defineOp({
  opType: 'BitShift',
  category: 'math',
  versions: [
    { since: 11, inputs: 'X:T, Y:T', outputs: 'Z:T', attrs: { direction: 'string!' }, types: { T: 'uint8 uint16 uint32 uint64' } },
  ],
});
