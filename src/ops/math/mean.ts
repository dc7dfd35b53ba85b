import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Mean',
  category: 'math',
  versions: [
    { since: 1, inputs: 'data_0...:T', outputs: 'mean:T', attrs: { consumed_inputs: 'ints' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'data_0...:T', outputs: 'mean:T', types: { T: 'float16 float double' } },
    { since: 8, inputs: 'data_0...:T', outputs: 'mean:T', types: { T: 'float16 float double' } },
    { since: 13, inputs: 'data_0...:T', outputs: 'mean:T', types: { T: 'float16 float double bfloat16' } },
  ],
});
