import { defineOp } from '../define.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { sameKind } from '../helpers/conv-kernel.js';
import { tensorFromFloats, toFloat } from '../helpers/convert.js';
import { globalPool, globalPoolFlops } from '../helpers/pool-kernel.js';
import type { InferContext, KernelContext } from '../types.js';

/** Y[n, c] = max of X[n, c] over every spatial position. */
function inferGlobalMaxPool(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  if (!x.shape) return [tensorType(x.elemType)];
  if (x.shape.length < 2) ctx.fail(`X must have rank >= 2 (N, C, spatial...), got rank ${x.shape.length}`);
  const dims: Dim[] = x.shape.map((d, i) => (i < 2 ? d : 1));
  return [tensorType(x.elemType, dims)];
}

function globalMaxPoolKernel(ctx: KernelContext) {
  const X = ctx.input(0);
  if (X.rank < 2) ctx.fail(`X must have rank >= 2 (N, C, spatial...), got [${X.dims.join(',')}]`);
  const planes = X.dims[0]! * X.dims[1]!;
  const size = X.dims.slice(2).reduce((a, b) => a * b, 1);
  const x = toFloat(X);
  const y = sameKind(x, planes);
  globalPool(x, planes, size, 'max', 2, y);
  return [tensorFromFloats(X.dtype, X.dims.map((d, i) => (i < 2 ? d : 1)), y)];
}

export default defineOp({
  opType: 'GlobalMaxPool',
  category: 'pool',
  infer: inferGlobalMaxPool,
  kernel: globalMaxPoolKernel,
  flops: globalPoolFlops,
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', types: { T: 'float16 float double' } },
    { since: 22, inputs: 'X:T', outputs: 'Y:T', types: { T: 'bfloat16 float16 float double' } },
  ],
});
