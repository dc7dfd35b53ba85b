import { defineOp } from '../define.js';

export default defineOp({
  opType: 'MaxRoiPool',
  category: 'pool',
  versions: [
    { since: 1, inputs: 'X:T, rois:T', outputs: 'Y:T', attrs: { pooled_shape: 'ints!', spatial_scale: 'float=1.0' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: 'X:T, rois:T', outputs: 'Y:T', attrs: { pooled_shape: 'ints!', spatial_scale: 'float=1.0' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
