import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Compress',
  category: 'tensor',
  versions: [
    { since: 9, inputs: 'input:T, condition:T1', outputs: 'output:T', attrs: { axis: 'int' }, types: { T: '$all_v1', T1: 'bool' } },
    { since: 11, inputs: 'input:T, condition:T1', outputs: 'output:T', attrs: { axis: 'int' }, types: { T: '$all_v1', T1: 'bool' } },
  ],
});
