import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Bernoulli',
  category: 'random',
  versions: [
    { since: 15, inputs: 'input:T1', outputs: 'output:T2', attrs: { dtype: 'int', seed: 'float' }, types: { T1: 'float16 float double', T2: 'float16 float double bfloat16 uint8 uint16 uint32 uint64 int8 int16 int32 int64 bool' } },
    { since: 22, inputs: 'input:T1', outputs: 'output:T2', attrs: { dtype: 'int', seed: 'float' }, types: { T1: 'bfloat16 float16 float double', T2: 'uint8 uint16 uint32 uint64 int8 int16 int32 int64 bfloat16 float16 float double bool' } },
  ],
});
