import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Scatter',
  category: 'tensor',
  versions: [
    { since: 9, inputs: 'data:T, indices:Tind, updates:T', outputs: 'output:T', attrs: { axis: 'int=0' }, types: { T: '$all_v1', Tind: 'int32 int64' } },
    { since: 11, deprecated: true, inputs: '', outputs: '' },
  ],
});
