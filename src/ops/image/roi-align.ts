import { defineOp } from '../define.js';

export default defineOp({
  opType: 'RoiAlign',
  category: 'image',
  versions: [
    { since: 10, inputs: 'X:T1, rois:T1, batch_indices:T2', outputs: 'Y:T1', attrs: { mode: 'string=avg', output_height: 'int=1', output_width: 'int=1', sampling_ratio: 'int=0', spatial_scale: 'float=1.0' }, types: { T1: 'float16 float double', T2: 'int64' } },
    { since: 16, inputs: 'X:T1, rois:T1, batch_indices:T2', outputs: 'Y:T1', attrs: { coordinate_transformation_mode: 'string=half_pixel', mode: 'string=avg', output_height: 'int=1', output_width: 'int=1', sampling_ratio: 'int=0', spatial_scale: 'float=1.0' }, types: { T1: 'float16 float double', T2: 'int64' } },
    { since: 22, inputs: 'X:T1, rois:T1, batch_indices:T2', outputs: 'Y:T1', attrs: { coordinate_transformation_mode: 'string=half_pixel', mode: 'string=avg', output_height: 'int=1', output_width: 'int=1', sampling_ratio: 'int=0', spatial_scale: 'float=1.0' }, types: { T1: 'bfloat16 float16 float double', T2: 'int64' } },
  ],
});
