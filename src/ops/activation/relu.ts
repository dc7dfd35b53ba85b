import { defineOp } from '../define.js';
import { sameAsInput, unaryKernel } from '../helpers/elementwise.js';

/** Y = max(0, X). */
export default defineOp({
  opType: 'Relu',
  category: 'activation',
  traits: ['elementwise', 'activation'],
  infer: sameAsInput,
  kernel: unaryKernel({ num: (x) => (x > 0 ? x : x === 0 || x < 0 ? 0 : x), big: (x) => (x > 0n ? x : 0n) }),
  flops: (ctx) => ctx.outputShape(0)?.reduce((a, b) => a * b, 1),
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { consumed_inputs: 'ints' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'X:T', outputs: 'Y:T', types: { T: 'float16 float double' } },
    { since: 13, inputs: 'X:T', outputs: 'Y:T', types: { T: 'float16 float double bfloat16' } },
    { since: 14, inputs: 'X:T', outputs: 'Y:T', types: { T: 'float int32 int8 int16 int64 float16 double bfloat16' } },
  ],
});
