import { defineOp } from '../define.js';
import { sameAsInput, unaryKernel } from '../helpers/elementwise.js';
import { elementwiseFlops } from '../helpers/elementwise-math.js';
import { erf } from '../helpers/special.js';

/** y = erf(x); integer types (Erf-9) get the result truncated toward zero. */
export default defineOp({
  opType: 'Erf',
  category: 'math',
  traits: ['elementwise'],
  infer: sameAsInput,
  kernel: unaryKernel({ num: erf, big: (x) => BigInt(Math.trunc(erf(Number(x)))) }),
  flops: elementwiseFlops,
  versions: [
    { since: 9, inputs: 'input:T', outputs: 'output:T', types: { T: '$numeric' } },
    { since: 13, inputs: 'input:T', outputs: 'output:T', types: { T: 'bfloat16 float16 float double' } },
  ],
});
