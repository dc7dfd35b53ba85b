import { defineOp } from '../define.js';

export default defineOp({
  opType: 'ScatterElements',
  category: 'tensor',
  versions: [
    { since: 11, inputs: 'data:T, indices:Tind, updates:T', outputs: 'output:T', attrs: { axis: 'int=0' }, types: { T: '$all_v1', Tind: 'int32 int64' } },
    { since: 13, inputs: 'data:T, indices:Tind, updates:T', outputs: 'output:T', attrs: { axis: 'int=0' }, types: { T: '$all_v13', Tind: 'int32 int64' } },
    { since: 16, inputs: 'data:T, indices:Tind, updates:T', outputs: 'output:T', attrs: { axis: 'int=0', reduction: 'string=none' }, types: { T: '$all_v13', Tind: 'int32 int64' } },
    { since: 18, inputs: 'data:T, indices:Tind, updates:T', outputs: 'output:T', attrs: { axis: 'int=0', reduction: 'string=none' }, types: { T: '$all_v13', Tind: 'int32 int64' } },
  ],
});
