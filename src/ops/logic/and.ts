import { defineOp } from '../define.js';

export default defineOp({
  opType: 'And',
  category: 'logic',
  versions: [
    { since: 1, inputs: 'A:T, B:T', outputs: 'C:T1', attrs: { axis: 'int', broadcast: 'int=0' }, types: { T: 'bool', T1: 'bool' } },
    { since: 7, inputs: 'A:T, B:T', outputs: 'C:T1', types: { T: 'bool', T1: 'bool' } },
  ],
});
