import { defineOp } from '../define.js';

export default defineOp({
  opType: 'AveragePool',
  category: 'pool',
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', kernel_shape: 'ints!', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' } },
    { since: 7, inputs: 'X:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', count_include_pad: 'int=0', kernel_shape: 'ints!', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' } },
    { since: 10, inputs: 'X:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', ceil_mode: 'int=0', count_include_pad: 'int=0', kernel_shape: 'ints!', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' } },
    { since: 11, inputs: 'X:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', ceil_mode: 'int=0', count_include_pad: 'int=0', kernel_shape: 'ints!', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' } },
    { since: 19, inputs: 'X:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', ceil_mode: 'int=0', count_include_pad: 'int=0', dilations: 'ints', kernel_shape: 'ints!', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: 'X:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', ceil_mode: 'int=0', count_include_pad: 'int=0', dilations: 'ints', kernel_shape: 'ints!', pads: 'ints', strides: 'ints' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
