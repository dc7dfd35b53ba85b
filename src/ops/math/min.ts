import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Min',
  category: 'math',
  versions: [
    { since: 1, inputs: 'data_0...:T', outputs: 'min:T', attrs: { consumed_inputs: 'ints' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'data_0...:T', outputs: 'min:T', types: { T: 'float16 float double' } },
    { since: 8, inputs: 'data_0...:T', outputs: 'min:T', types: { T: 'float16 float double' } },
    { since: 12, inputs: 'data_0...:T', outputs: 'min:T', types: { T: '$numeric' } },
    { since: 13, inputs: 'data_0...:T', outputs: 'min:T', types: { T: '$numeric_v13' } },
  ],
});
