import { defineOp } from '../define.js';
import { sameAsInput, unaryKernel } from '../helpers/elementwise.js';
import { elementwiseFlops } from '../helpers/elementwise-math.js';

/** Y = ~X (every bit flipped; unsigned results wrap to the type's width). */
export default defineOp({
  opType: 'BitwiseNot',
  category: 'math',
  traits: ['elementwise'],
  infer: sameAsInput,
  kernel: unaryKernel({ num: (x) => ~x, big: (x) => ~x }),
  flops: elementwiseFlops,
  versions: [
    { since: 18, inputs: 'X:T', outputs: 'Y:T', types: { T: 'uint8 uint16 uint32 uint64 int8 int16 int32 int64' } },
  ],
});
