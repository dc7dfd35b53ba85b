import { defineOp } from '../define.js';
import { sameAsInput, unaryKernel } from '../helpers/elementwise.js';
import { elementwiseFlops } from '../helpers/elementwise-math.js';

/** y = -x (wrapping like C for the most negative integer). */
export default defineOp({
  opType: 'Neg',
  category: 'math',
  traits: ['elementwise'],
  infer: sameAsInput,
  kernel: unaryKernel({ num: (x) => -x, big: (x) => -x }),
  flops: elementwiseFlops,
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { consumed_inputs: 'ints' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'X:T', outputs: 'Y:T', types: { T: 'float int32 int8 int16 int64 float16 double' } },
    { since: 13, inputs: 'X:T', outputs: 'Y:T', types: { T: 'float int32 int8 int16 int64 float16 double bfloat16' } },
  ],
});
