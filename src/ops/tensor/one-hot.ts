import { defineOp } from '../define.js';

export default defineOp({
  opType: 'OneHot',
  category: 'tensor',
  versions: [
    { since: 9, inputs: 'indices:T1, depth:T2, values:T3', outputs: 'output:T3', attrs: { axis: 'int=-1' }, types: { T1: '$numeric', T2: '$numeric', T3: '$all_v1' } },
    { since: 11, inputs: 'indices:T1, depth:T2, values:T3', outputs: 'output:T3', attrs: { axis: 'int=-1' }, types: { T1: '$numeric', T2: '$numeric', T3: '$all_v1' } },
  ],
});
