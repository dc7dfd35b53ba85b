import { defineOp } from '../define.js';
import { sameAsInput, unaryKernel } from '../helpers/elementwise.js';
import { elementwiseFlops } from '../helpers/elementwise-math.js';

/** Rounds to the nearest integer, ties to even (Math.round breaks ties upward, then odd results step back). */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Y = X rounded to the nearest integer, halves to even. */
export default defineOp({
  opType: 'Round',
  category: 'math',
  traits: ['elementwise'],
  infer: sameAsInput,
  kernel: unaryKernel({ num: roundHalfEven }),
  flops: elementwiseFlops,
  versions: [
    { since: 11, inputs: 'X:T', outputs: 'Y:T', types: { T: 'float16 float double' } },
    { since: 22, inputs: 'X:T', outputs: 'Y:T', types: { T: 'bfloat16 float16 float double' } },
  ],
});
