import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Size',
  category: 'shape',
  versions: [
    { since: 1, inputs: 'data:T', outputs: 'size:T1', types: { T: '$all_v1', T1: 'int64' } },
    { since: 13, inputs: 'data:T', outputs: 'size:T1', types: { T: '$all_v13', T1: 'int64' } },
    { since: 19, inputs: 'data:T', outputs: 'size:T1', types: { T: '$all_v19', T1: 'int64' } },
    { since: 21, inputs: 'data:T', outputs: 'size:T1', types: { T: '$all_v21', T1: 'int64' } },
    { since: 23, inputs: 'data:T', outputs: 'size:T1', types: { T: '$all_v23', T1: 'int64' } },
    { since: 24, inputs: 'data:T', outputs: 'size:T1', types: { T: '$all_v24', T1: 'int64' } },
    { since: 25, inputs: 'data:T', outputs: 'size:T1', types: { T: '$all_v25', T1: 'int64' } },
  ],
});
