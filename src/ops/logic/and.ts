import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { binaryKernel, withLegacyBroadcast } from '../helpers/elementwise.js';
import { elementwiseFlops, legacyInfer, sharedTypeInfer } from '../helpers/elementwise-math.js';

const kernel = binaryKernel({ num: (a, b) => (a && b ? 1 : 0), out: () => DataType.BOOL });

/** C = A logical AND B on bools, with numpy broadcasting (limited broadcasting before opset 7). */
export default defineOp({
  opType: 'And',
  category: 'logic',
  traits: ['elementwise', 'commutative'],
  infer: sharedTypeInfer(DataType.BOOL),
  kernel,
  flops: elementwiseFlops,
  versions: [
    { since: 1, inputs: 'A:T, B:T', outputs: 'C:T1', attrs: { axis: 'int', broadcast: 'int=0' }, types: { T: 'bool', T1: 'bool' }, infer: legacyInfer(DataType.BOOL), kernel: withLegacyBroadcast(kernel) },
    { since: 7, inputs: 'A:T, B:T', outputs: 'C:T1', types: { T: 'bool', T1: 'bool' } },
  ],
});
