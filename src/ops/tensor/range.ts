import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Range',
  category: 'tensor',
  versions: [
    { since: 11, inputs: 'start:T, limit:T, delta:T', outputs: 'output:T', types: { T: 'float double int16 int32 int64' } },
    { since: 27, inputs: 'start:T, limit:T, delta:T', outputs: 'output:T', attrs: { stash_type: 'int=1' }, types: { T: 'float double int16 int32 int64 float16 bfloat16' } },
  ],
});
