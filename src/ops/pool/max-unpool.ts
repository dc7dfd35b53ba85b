import { defineOp } from '../define.js';

export default defineOp({
  opType: 'MaxUnpool',
  category: 'pool',
  versions: [
    { since: 9, inputs: 'X:T1, I:T2, output_shape?:T2', outputs: 'output:T1', attrs: { kernel_shape: 'ints!', pads: 'ints', strides: 'ints' }, types: { T1: 'float16 float double', T2: 'int64' } },
    { since: 11, inputs: 'X:T1, I:T2, output_shape?:T2', outputs: 'output:T1', attrs: { kernel_shape: 'ints!', pads: 'ints', strides: 'ints' }, types: { T1: 'float16 float double', T2: 'int64' } },
    { since: 22, inputs: 'X:T1, I:T2, output_shape?:T2', outputs: 'output:T1', attrs: { kernel_shape: 'ints!', pads: 'ints', strides: 'ints' }, types: { T1: 'bfloat16 float16 float double', T2: 'int64' } },
  ],
});
