import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Split',
  category: 'shape',
  versions: [
    { since: 1, inputs: 'input:T, split?:T', outputs: 'outputs......:T', attrs: { axis: 'int', split: 'ints' }, types: { T: 'float16 float double' } },
    { since: 2, inputs: 'input:T', outputs: 'outputs...:T', attrs: { axis: 'int=0', split: 'ints' }, types: { T: '$all_v1' } },
    { since: 11, inputs: 'input:T', outputs: 'outputs...:T', attrs: { axis: 'int=0', split: 'ints' }, types: { T: '$all_v1' } },
    { since: 13, inputs: 'input:T, split?:tensor(int64)', outputs: 'outputs...:T', attrs: { axis: 'int=0' }, types: { T: '$all_v13' } },
    { since: 18, inputs: 'input:T, split?:tensor(int64)', outputs: 'outputs...:T', attrs: { axis: 'int=0', num_outputs: 'int' }, types: { T: '$all_v13' } },
  ],
});
