import { defineOp } from '../define.js';

export default defineOp({
  opType: 'MaxPool',
  category: 'pool',
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', kernel_shape: 'ints!', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' } },
    { since: 8, inputs: 'X:T', outputs: 'Y:T, Indices?:I', attrs: { auto_pad: 'string=NOTSET', kernel_shape: 'ints!', pads: 'ints', storage_order: 'int=0', strides: 'ints' }, types: { T: 'float16 float double', I: 'int64' } },
    { since: 10, inputs: 'X:T', outputs: 'Y:T, Indices?:I', attrs: { auto_pad: 'string=NOTSET', ceil_mode: 'int=0', dilations: 'ints', kernel_shape: 'ints!', pads: 'ints', storage_order: 'int=0', strides: 'ints' }, types: { T: 'float16 float double', I: 'int64' } },
    { since: 11, inputs: 'X:T', outputs: 'Y:T, Indices?:I', attrs: { auto_pad: 'string=NOTSET', ceil_mode: 'int=0', dilations: 'ints', kernel_shape: 'ints!', pads: 'ints', storage_order: 'int=0', strides: 'ints' }, types: { T: 'float16 float double', I: 'int64' } },
    { since: 12, inputs: 'X:T', outputs: 'Y:T, Indices?:I', attrs: { auto_pad: 'string=NOTSET', ceil_mode: 'int=0', dilations: 'ints', kernel_shape: 'ints!', pads: 'ints', storage_order: 'int=0', strides: 'ints' }, types: { T: 'float16 float double int8 uint8', I: 'int64' } },
    { since: 22, inputs: 'X:T', outputs: 'Y:T, Indices?:I', attrs: { auto_pad: 'string=NOTSET', ceil_mode: 'int=0', dilations: 'ints', kernel_shape: 'ints!', pads: 'ints', storage_order: 'int=0', strides: 'ints' }, types: { T: 'bfloat16 float16 float double int8 uint8', I: 'int64' } },
  ],
});
