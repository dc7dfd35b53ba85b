import { defineOp } from '../define.js';

export default defineOp({
  opType: 'ConvInteger',
  category: 'quantization',
  versions: [
    { since: 10, inputs: 'x:T1, w:T2, x_zero_point?:T1, w_zero_point?:T2', outputs: 'y:T3', attrs: { auto_pad: 'string=NOTSET', dilations: 'ints', group: 'int=1', kernel_shape: 'ints', pads: 'ints', strides: 'ints' }, types: { T1: 'int8 uint8', T2: 'int8 uint8', T3: 'int32' } },
  ],
});
