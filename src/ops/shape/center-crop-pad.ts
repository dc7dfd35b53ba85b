import { defineOp } from '../define.js';

export default defineOp({
  opType: 'CenterCropPad',
  category: 'shape',
  versions: [
    { since: 18, inputs: 'input_data:T, shape:Tind', outputs: 'output_data:T', attrs: { axes: 'ints' }, types: { T: '$all_v13', Tind: 'int32 int64' } },
  ],
});
