import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Mod',
  category: 'math',
  versions: [
    { since: 10, inputs: 'A:T, B:T', outputs: 'C:T', attrs: { fmod: 'int=0' }, types: { T: '$numeric' } },
    { since: 13, inputs: 'A:T, B:T', outputs: 'C:T', attrs: { fmod: 'int=0' }, types: { T: '$numeric_v13' } },
  ],
});
