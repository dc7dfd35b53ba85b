import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Sum',
  category: 'math',
  versions: [
    { since: 1, inputs: 'data_0...:T', outputs: 'sum:T', attrs: { consumed_inputs: 'ints' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'data_0...:T', outputs: 'sum:T', types: { T: 'float16 float double' } },
    { since: 8, inputs: 'data_0...:T', outputs: 'sum:T', types: { T: 'float16 float double' } },
    { since: 13, inputs: 'data_0...:T', outputs: 'sum:T', types: { T: 'float16 float double bfloat16' } },
  ],
});
