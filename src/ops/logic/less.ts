import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { binaryKernel, withLegacyBroadcast } from '../helpers/elementwise.js';
import { elementwiseFlops, legacyInfer, sharedTypeInfer } from '../helpers/elementwise-math.js';

const kernel = binaryKernel({ num: (a, b) => (a < b ? 1 : 0), big: (a, b) => a < b, out: () => DataType.BOOL });

/** C = A < B (bool; false where NaN is involved), with numpy broadcasting (limited broadcasting before opset 7). */
export default defineOp({
  opType: 'Less',
  category: 'logic',
  traits: ['elementwise'],
  infer: sharedTypeInfer(DataType.BOOL),
  kernel,
  flops: elementwiseFlops,
  versions: [
    { since: 1, inputs: 'A:T, B:T', outputs: 'C:T1', attrs: { axis: 'int', broadcast: 'int=0' }, types: { T: 'float16 float double', T1: 'bool' }, infer: legacyInfer(DataType.BOOL), kernel: withLegacyBroadcast(kernel) },
    { since: 7, inputs: 'A:T, B:T', outputs: 'C:T1', types: { T: 'float16 float double', T1: 'bool' } },
    { since: 9, inputs: 'A:T, B:T', outputs: 'C:T1', types: { T: '$numeric', T1: 'bool' } },
    { since: 13, inputs: 'A:T, B:T', outputs: 'C:T1', types: { T: '$numeric_v13', T1: 'bool' } },
  ],
});
