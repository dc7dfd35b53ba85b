import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Sub',
  category: 'math',
  versions: [
    { since: 1, inputs: 'A:T, B:T', outputs: 'C:T', attrs: { axis: 'int', broadcast: 'int=0', consumed_inputs: 'ints' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'A:T, B:T', outputs: 'C:T', attrs: { axis: 'int', broadcast: 'int=0' }, types: { T: 'uint32 uint64 int32 int64 float16 float double' } },
    { since: 7, inputs: 'A:T, B:T', outputs: 'C:T', types: { T: 'uint32 uint64 int32 int64 float16 float double' } },
    { since: 13, inputs: 'A:T, B:T', outputs: 'C:T', types: { T: 'uint32 uint64 int32 int64 float16 float double bfloat16' } },
    { since: 14, inputs: 'A:T, B:T', outputs: 'C:T', types: { T: '$numeric_v13' } },
  ],
});
