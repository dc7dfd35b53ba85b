import { defineOp } from '../define.js';

export default defineOp({
  opType: 'GridSample',
  category: 'image',
  versions: [
    { since: 16, inputs: 'X:T1, grid:T2', outputs: 'Y:T1', attrs: { align_corners: 'int=0', mode: 'string=bilinear', padding_mode: 'string=zeros' }, types: { T1: '$all_v1', T2: 'float16 float double' } },
    { since: 20, inputs: 'X:T1, grid:T2', outputs: 'Y:T1', attrs: { align_corners: 'int=0', mode: 'string=linear', padding_mode: 'string=zeros' }, types: { T1: '$all_v1', T2: 'float16 float double' } },
    { since: 22, inputs: 'X:T1, grid:T2', outputs: 'Y:T1', attrs: { align_corners: 'int=0', mode: 'string=linear', padding_mode: 'string=zeros' }, types: { T1: '$all_v13', T2: 'bfloat16 float16 float double' } },
  ],
});
