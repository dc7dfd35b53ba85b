import { defineOp } from '../define.js';

export default defineOp({
  opType: 'DeformConv',
  category: 'nn',
  versions: [
    { since: 19, inputs: 'X:T, W:T, offset:T, B?:T, mask?:T', outputs: 'Y:T', attrs: { dilations: 'ints', group: 'int=1', kernel_shape: 'ints', offset_group: 'int=1', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: 'X:T, W:T, offset:T, B?:T, mask?:T', outputs: 'Y:T', attrs: { dilations: 'ints', group: 'int=1', kernel_shape: 'ints', offset_group: 'int=1', pads: 'ints', strides: 'ints' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
