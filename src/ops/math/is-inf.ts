import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { elementwiseInfer, unaryKernel } from '../helpers/elementwise.js';
import { elementwiseFlops } from '../helpers/elementwise-math.js';
import type { KernelContext } from '../types.js';

const out = () => DataType.BOOL;
const both = unaryKernel({ num: (x) => (x === Infinity || x === -Infinity ? 1 : 0), out });
const positive = unaryKernel({ num: (x) => (x === Infinity ? 1 : 0), out });
const negative = unaryKernel({ num: (x) => (x === -Infinity ? 1 : 0), out });
const neither = unaryKernel({ num: () => 0, out });

function isInf(ctx: KernelContext) {
  const pos = ctx.attr.int('detect_positive') !== 0;
  const neg = ctx.attr.int('detect_negative') !== 0;
  return (pos ? (neg ? both : positive) : neg ? negative : neither)(ctx);
}

/** Y = whether X is infinite (bool); detect_positive/detect_negative select which signs count. */
export default defineOp({
  opType: 'IsInf',
  category: 'math',
  traits: ['elementwise'],
  infer: elementwiseInfer(DataType.BOOL),
  kernel: isInf,
  flops: elementwiseFlops,
  versions: [
    { since: 10, inputs: 'X:T1', outputs: 'Y:T2', attrs: { detect_negative: 'int=1', detect_positive: 'int=1' }, types: { T1: 'float double', T2: 'bool' } },
    { since: 20, inputs: 'X:T1', outputs: 'Y:T2', attrs: { detect_negative: 'int=1', detect_positive: 'int=1' }, types: { T1: 'bfloat16 float16 float double float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz', T2: 'bool' } },
  ],
});
