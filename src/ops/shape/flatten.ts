import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Flatten',
  category: 'shape',
  versions: [
    { since: 1, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=1' }, types: { T: 'float16 float double' } },
    { since: 9, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=1' }, types: { T: '$all_v1' } },
    { since: 11, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=1' }, types: { T: '$all_v1' } },
    { since: 13, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=1' }, types: { T: '$all_v13' } },
    { since: 21, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=1' }, types: { T: '$all_v21' } },
    { since: 23, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=1' }, types: { T: '$all_v23' } },
    { since: 24, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=1' }, types: { T: '$all_v24' } },
    { since: 25, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=1' }, types: { T: '$all_v25' } },
  ],
});
