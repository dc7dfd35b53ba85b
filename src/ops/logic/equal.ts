import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Equal',
  category: 'logic',
  versions: [
    { since: 1, inputs: 'A:T, B:T', outputs: 'C:T1', attrs: { axis: 'int', broadcast: 'int=0' }, types: { T: 'bool int32 int64', T1: 'bool' } },
    { since: 7, inputs: 'A:T, B:T', outputs: 'C:T1', types: { T: 'bool int32 int64', T1: 'bool' } },
    { since: 11, inputs: 'A:T, B:T', outputs: 'C:T1', types: { T: 'bool uint8 uint16 uint32 uint64 int8 int16 int32 int64 float16 float double', T1: 'bool' } },
    { since: 13, inputs: 'A:T, B:T', outputs: 'C:T1', types: { T: 'bool uint8 uint16 uint32 uint64 int8 int16 int32 int64 float16 float double bfloat16', T1: 'bool' } },
    { since: 19, inputs: 'A:T, B:T', outputs: 'C:T1', types: { T: 'bool uint8 uint16 uint32 uint64 int8 int16 int32 int64 float16 float double bfloat16 string', T1: 'bool' } },
  ],
});
