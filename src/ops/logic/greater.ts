import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Greater',
  category: 'logic',
  versions: [
    { since: 1, inputs: 'A:T, B:T', outputs: 'C:T1', attrs: { axis: 'int', broadcast: 'int=0' }, types: { T: 'float16 float double', T1: 'bool' } },
    { since: 7, inputs: 'A:T, B:T', outputs: 'C:T1', types: { T: 'float16 float double', T1: 'bool' } },
    { since: 9, inputs: 'A:T, B:T', outputs: 'C:T1', types: { T: '$numeric', T1: 'bool' } },
    { since: 13, inputs: 'A:T, B:T', outputs: 'C:T1', types: { T: '$numeric_v13', T1: 'bool' } },
  ],
});
