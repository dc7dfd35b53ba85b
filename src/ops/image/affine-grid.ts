import { defineOp } from '../define.js';

export default defineOp({
  opType: 'AffineGrid',
  category: 'image',
  versions: [
    { since: 20, inputs: 'theta:T1, size:T2', outputs: 'grid:T1', attrs: { align_corners: 'int=0' }, types: { T1: 'bfloat16 float16 float double', T2: 'int64' } },
  ],
});
