import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Concat',
  category: 'shape',
  versions: [
    { since: 1, inputs: 'inputs...:T', outputs: 'concat_result:T', attrs: { axis: 'int' }, types: { T: 'float16 float double' } },
    { since: 4, inputs: 'inputs...:T', outputs: 'concat_result:T', attrs: { axis: 'int!' }, types: { T: '$all_v1' } },
    { since: 11, inputs: 'inputs...:T', outputs: 'concat_result:T', attrs: { axis: 'int!' }, types: { T: '$all_v1' } },
    { since: 13, inputs: 'inputs...:T', outputs: 'concat_result:T', attrs: { axis: 'int!' }, types: { T: '$all_v13' } },
  ],
});
