import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Slice',
  category: 'shape',
  versions: [
    { since: 1, inputs: 'data:T', outputs: 'output:T', attrs: { axes: 'ints', ends: 'ints!', starts: 'ints!' }, types: { T: '$all_v1' } },
    { since: 10, inputs: 'data:T, starts:Tind, ends:Tind, axes?:Tind, steps?:Tind', outputs: 'output:T', types: { T: '$all_v1', Tind: 'int32 int64' } },
    { since: 11, inputs: 'data:T, starts:Tind, ends:Tind, axes?:Tind, steps?:Tind', outputs: 'output:T', types: { T: '$all_v1', Tind: 'int32 int64' } },
    { since: 13, inputs: 'data:T, starts:Tind, ends:Tind, axes?:Tind, steps?:Tind', outputs: 'output:T', types: { T: '$all_v13', Tind: 'int32 int64' } },
  ],
});
