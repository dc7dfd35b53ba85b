import { defineOp } from '../define.js';
import { accumulatingKernel, variadicFlops, variadicInfer } from '../helpers/variadic.js';

const sameShape = { infer: variadicInfer(false), kernel: accumulatingKernel('max', false) };

/** Elementwise maximum of all inputs (NaN propagates), with numpy broadcasting from opset 8 (equal shapes before). */
export default defineOp({
  opType: 'Max',
  category: 'math',
  traits: ['elementwise', 'commutative'],
  infer: variadicInfer(true),
  kernel: accumulatingKernel('max', true),
  flops: variadicFlops(0),
  versions: [
    { since: 1, inputs: 'data_0...:T', outputs: 'max:T', attrs: { consumed_inputs: 'ints' }, types: { T: 'float16 float double' }, ...sameShape },
    { since: 6, inputs: 'data_0...:T', outputs: 'max:T', types: { T: 'float16 float double' }, ...sameShape },
    { since: 8, inputs: 'data_0...:T', outputs: 'max:T', types: { T: 'float16 float double' } },
    { since: 12, inputs: 'data_0...:T', outputs: 'max:T', types: { T: '$numeric' } },
    { since: 13, inputs: 'data_0...:T', outputs: 'max:T', types: { T: '$numeric_v13' } },
  ],
});
