import { defineOp } from '../define.js';

export default defineOp({
  opType: 'PRelu',
  category: 'activation',
  versions: [
    { since: 1, inputs: 'X:T, slope:T', outputs: 'Y:T', attrs: { consumed_inputs: 'ints' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'X:T, slope:T', outputs: 'Y:T', types: { T: 'float16 float double' } },
    { since: 7, inputs: 'X:T, slope:T', outputs: 'Y:T', types: { T: 'float16 float double' } },
    { since: 9, inputs: 'X:T, slope:T', outputs: 'Y:T', types: { T: 'float16 float double uint32 uint64 int32 int64' } },
    { since: 16, inputs: 'X:T, slope:T', outputs: 'Y:T', types: { T: 'bfloat16 float16 float double uint32 uint64 int32 int64' } },
  ],
});
