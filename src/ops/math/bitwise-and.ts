import { defineOp } from '../define.js';
import { binaryKernel } from '../helpers/elementwise.js';
import { elementwiseFlops, sharedTypeInfer } from '../helpers/elementwise-math.js';

/** C = A & B (bitwise AND of integers), with numpy broadcasting. */
export default defineOp({
  opType: 'BitwiseAnd',
  category: 'math',
  traits: ['elementwise', 'commutative'],
  infer: sharedTypeInfer(),
  kernel: binaryKernel({ num: (a, b) => a & b, big: (a, b) => a & b }),
  flops: elementwiseFlops,
  versions: [
    { since: 18, inputs: 'A:T, B:T', outputs: 'C:T', types: { T: 'uint8 uint16 uint32 uint64 int8 int16 int32 int64' } },
  ],
});
