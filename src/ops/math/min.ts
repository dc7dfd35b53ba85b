import { defineOp } from '../define.js';
import { accumulatingKernel, variadicFlops, variadicInfer } from '../helpers/variadic.js';

const sameShape = { infer: variadicInfer(false), kernel: accumulatingKernel('min', false) };

/** Elementwise minimum of all inputs (NaN propagates), with numpy broadcasting from opset 8 (equal shapes before). */
export default defineOp({
  opType: 'Min',
  category: 'math',
  traits: ['elementwise', 'commutative'],
  infer: variadicInfer(true),
  kernel: accumulatingKernel('min', true),
  flops: variadicFlops(0),
  versions: [
    { since: 1, inputs: 'data_0...:T', outputs: 'min:T', attrs: { consumed_inputs: 'ints' }, types: { T: 'float16 float double' }, ...sameShape },
    { since: 6, inputs: 'data_0...:T', outputs: 'min:T', types: { T: 'float16 float double' }, ...sameShape },
    { since: 8, inputs: 'data_0...:T', outputs: 'min:T', types: { T: 'float16 float double' } },
    { since: 12, inputs: 'data_0...:T', outputs: 'min:T', types: { T: '$numeric' } },
    { since: 13, inputs: 'data_0...:T', outputs: 'min:T', types: { T: '$numeric_v13' } },
  ],
});
