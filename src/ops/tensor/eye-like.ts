import { defineOp } from '../define.js';

export default defineOp({
  opType: 'EyeLike',
  category: 'tensor',
  versions: [
    { since: 9, inputs: 'input:T1', outputs: 'output:T2', attrs: { dtype: 'int', k: 'int=0' }, types: { T1: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 bool', T2: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 bool' } },
    { since: 22, inputs: 'input:T1', outputs: 'output:T2', attrs: { dtype: 'int', k: 'int=0' }, types: { T1: 'uint8 uint16 uint32 uint64 int8 int16 int32 int64 bfloat16 float16 float double bool', T2: 'uint8 uint16 uint32 uint64 int8 int16 int32 int64 bfloat16 float16 float double bool' } },
  ],
});
