import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Upsample',
  category: 'image',
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { height_scale: 'float!', mode: 'string=nearest', width_scale: 'float!' }, types: { T: 'bool int32 int64 float16 float double' } },
    { since: 7, inputs: 'X:T', outputs: 'Y:T', attrs: { mode: 'string=nearest', scales: 'floats!' }, types: { T: '$all_v1' } },
    { since: 9, inputs: 'X:T, scales:tensor(float)', outputs: 'Y:T', attrs: { mode: 'string=nearest' }, types: { T: '$all_v1' } },
    { since: 10, deprecated: true, inputs: '', outputs: '' },
  ],
});
