import { defineOp } from '../define.js';
import { accumulatingKernel, variadicFlops, variadicInfer } from '../helpers/variadic.js';

const sameShape = { infer: variadicInfer(false), kernel: accumulatingKernel('mean', false) };

/** Elementwise mean of all inputs, with numpy broadcasting from opset 8 (equal shapes before). */
export default defineOp({
  opType: 'Mean',
  category: 'math',
  traits: ['elementwise', 'commutative'],
  infer: variadicInfer(true),
  kernel: accumulatingKernel('mean', true),
  flops: variadicFlops(1),
  versions: [
    { since: 1, inputs: 'data_0...:T', outputs: 'mean:T', attrs: { consumed_inputs: 'ints' }, types: { T: 'float16 float double' }, ...sameShape },
    { since: 6, inputs: 'data_0...:T', outputs: 'mean:T', types: { T: 'float16 float double' }, ...sameShape },
    { since: 8, inputs: 'data_0...:T', outputs: 'mean:T', types: { T: 'float16 float double' } },
    { since: 13, inputs: 'data_0...:T', outputs: 'mean:T', types: { T: 'float16 float double bfloat16' } },
  ],
});
