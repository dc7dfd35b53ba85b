import { defineOp } from '../define.js';

export default defineOp({
  opType: 'LpPool',
  category: 'pool',
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', kernel_shape: 'ints', p: 'float=2.0', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' } },
    { since: 2, inputs: 'X:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', kernel_shape: 'ints!', p: 'int=2', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' } },
    { since: 11, inputs: 'X:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', kernel_shape: 'ints!', p: 'int=2', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' } },
    { since: 18, inputs: 'X:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', ceil_mode: 'int=0', dilations: 'ints', kernel_shape: 'ints!', p: 'int=2', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: 'X:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', ceil_mode: 'int=0', dilations: 'ints', kernel_shape: 'ints!', p: 'int=2', pads: 'ints', strides: 'ints' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
