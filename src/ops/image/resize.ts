import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Resize',
  category: 'image',
  versions: [
    { since: 10, inputs: 'X:T, scales:tensor(float)', outputs: 'Y:T', attrs: { mode: 'string=nearest' }, types: { T: '$all_v1' } },
    { since: 11, inputs: 'X:T1, roi:T2, scales:tensor(float), sizes?:tensor(int64)', outputs: 'Y:T1', attrs: { coordinate_transformation_mode: 'string=half_pixel', cubic_coeff_a: 'float=-0.75', exclude_outside: 'int=0', extrapolation_value: 'float=0.0', mode: 'string=nearest', nearest_mode: 'string=round_prefer_floor' }, types: { T1: '$all_v1', T2: 'float16 float double' } },
    { since: 13, inputs: 'X:T1, roi?:T2, scales?:tensor(float), sizes?:tensor(int64)', outputs: 'Y:T1', attrs: { coordinate_transformation_mode: 'string=half_pixel', cubic_coeff_a: 'float=-0.75', exclude_outside: 'int=0', extrapolation_value: 'float=0.0', mode: 'string=nearest', nearest_mode: 'string=round_prefer_floor' }, types: { T1: '$all_v13', T2: 'float16 float double' } },
    { since: 18, inputs: 'X:T1, roi?:T2, scales?:tensor(float), sizes?:tensor(int64)', outputs: 'Y:T1', attrs: { antialias: 'int=0', axes: 'ints', coordinate_transformation_mode: 'string=half_pixel', cubic_coeff_a: 'float=-0.75', exclude_outside: 'int=0', extrapolation_value: 'float=0.0', keep_aspect_ratio_policy: 'string=stretch', mode: 'string=nearest', nearest_mode: 'string=round_prefer_floor' }, types: { T1: '$all_v13', T2: 'float16 float double' } },
    { since: 19, inputs: 'X:T1, roi?:T2, scales?:tensor(float), sizes?:tensor(int64)', outputs: 'Y:T1', attrs: { antialias: 'int=0', axes: 'ints', coordinate_transformation_mode: 'string=half_pixel', cubic_coeff_a: 'float=-0.75', exclude_outside: 'int=0', extrapolation_value: 'float=0.0', keep_aspect_ratio_policy: 'string=stretch', mode: 'string=nearest', nearest_mode: 'string=round_prefer_floor' }, types: { T1: '$all_v13', T2: 'float16 float double' } },
  ],
});
