import { defineOp } from '../define.js';

export default defineOp({
  opType: 'GatherElements',
  category: 'tensor',
  versions: [
    { since: 11, inputs: 'data:T, indices:Tind', outputs: 'output:T', attrs: { axis: 'int=0' }, types: { T: '$all_v1', Tind: 'int32 int64' } },
    { since: 13, inputs: 'data:T, indices:Tind', outputs: 'output:T', attrs: { axis: 'int=0' }, types: { T: '$all_v13', Tind: 'int32 int64' } },
  ],
});
