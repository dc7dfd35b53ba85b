import { defineOp } from '../define.js';

export default defineOp({
  opType: 'QLinearConv',
  category: 'quantization',
  versions: [
    { since: 10, inputs: 'x:T1, x_scale:tensor(float), x_zero_point:T1, w:T2, w_scale:tensor(float), w_zero_point:T2, y_scale:tensor(float), y_zero_point:T3, B?:T4', outputs: 'y:T3', attrs: { auto_pad: 'string=NOTSET', dilations: 'ints', group: 'int=1', kernel_shape: 'ints', pads: 'ints', strides: 'ints' }, types: { T1: 'int8 uint8', T2: 'int8 uint8', T3: 'int8 uint8', T4: 'int32' } },
  ],
});
