import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { elementwiseInfer, unaryKernel } from '../helpers/elementwise.js';
import { elementwiseFlops } from '../helpers/elementwise-math.js';

/** Y = whether X is NaN (bool). */
export default defineOp({
  opType: 'IsNaN',
  category: 'math',
  traits: ['elementwise'],
  infer: elementwiseInfer(DataType.BOOL),
  kernel: unaryKernel({ num: (x) => (x !== x ? 1 : 0), out: () => DataType.BOOL }),
  flops: elementwiseFlops,
  versions: [
    { since: 9, inputs: 'X:T1', outputs: 'Y:T2', types: { T1: 'float16 float double', T2: 'bool' } },
    { since: 13, inputs: 'X:T1', outputs: 'Y:T2', types: { T1: 'float16 float double bfloat16', T2: 'bool' } },
    { since: 20, inputs: 'X:T1', outputs: 'Y:T2', types: { T1: 'bfloat16 float16 float double float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz', T2: 'bool' } },
  ],
});
