import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Max',
  category: 'math',
  versions: [
    { since: 1, inputs: 'data_0...:T', outputs: 'max:T', attrs: { consumed_inputs: 'ints' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'data_0...:T', outputs: 'max:T', types: { T: 'float16 float double' } },
    { since: 8, inputs: 'data_0...:T', outputs: 'max:T', types: { T: 'float16 float double' } },
    { since: 12, inputs: 'data_0...:T', outputs: 'max:T', types: { T: '$numeric' } },
    { since: 13, inputs: 'data_0...:T', outputs: 'max:T', types: { T: '$numeric_v13' } },
  ],
});
