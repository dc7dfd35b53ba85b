import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { binaryKernel } from '../helpers/elementwise.js';
import { elementwiseFlops, sharedTypeInfer } from '../helpers/elementwise-math.js';

const kernel = binaryKernel({ num: (a, b) => (a >= b ? 1 : 0), big: (a, b) => a >= b, out: () => DataType.BOOL });

/** C = A >= B (bool; false where NaN is involved), with numpy broadcasting. */
export default defineOp({
  opType: 'GreaterOrEqual',
  category: 'logic',
  traits: ['elementwise'],
  infer: sharedTypeInfer(DataType.BOOL),
  kernel,
  flops: elementwiseFlops,
  versions: [
    { since: 12, inputs: 'A:T, B:T', outputs: 'C:T1', types: { T: '$numeric', T1: 'bool' } },
    { since: 16, inputs: 'A:T, B:T', outputs: 'C:T1', types: { T: '$numeric_v13', T1: 'bool' } },
  ],
});
