import { defineOp } from '../define.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { sameKind } from '../helpers/conv-kernel.js';
import { tensorFromFloats, toFloat } from '../helpers/convert.js';
import { globalPool, globalPoolFlops } from '../helpers/pool-kernel.js';
import type { InferContext, KernelContext, KernelFn } from '../types.js';

/** Y[n, c] = (sum of |X[n, c]|^p over every spatial position)^(1/p). */
function inferGlobalLpPool(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  if (!x.shape) return [tensorType(x.elemType)];
  if (x.shape.length < 2) ctx.fail(`X must have rank >= 2 (N, C, spatial...), got rank ${x.shape.length}`);
  const dims: Dim[] = x.shape.map((d, i) => (i < 2 ? d : 1));
  return [tensorType(x.elemType, dims)];
}

function globalLpPoolKernel(ctx: KernelContext, p: number) {
  const X = ctx.input(0);
  if (X.rank < 2) ctx.fail(`X must have rank >= 2 (N, C, spatial...), got [${X.dims.join(',')}]`);
  const planes = X.dims[0]! * X.dims[1]!;
  const size = X.dims.slice(2).reduce((a, b) => a * b, 1);
  const x = toFloat(X);
  const y = sameKind(x, planes);
  globalPool(x, planes, size, 'lp', p, y);
  return [tensorFromFloats(X.dtype, X.dims.map((d, i) => (i < 2 ? d : 1)), y)];
}

/** The kernel, given how the version spells p (a float in GlobalLpPool-1, an int after). */
function lpKernel(readP: (ctx: KernelContext) => number): KernelFn {
  return (ctx) => {
    const p = readP(ctx);
    if (!(p > 0)) ctx.fail(`p must be positive, got ${p}`);
    return globalLpPoolKernel(ctx, p);
  };
}

export default defineOp({
  opType: 'GlobalLpPool',
  category: 'pool',
  infer: inferGlobalLpPool,
  kernel: lpKernel((ctx) => ctx.attr.int('p')),
  flops: globalPoolFlops,
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { p: 'float=2.0' }, types: { T: 'float16 float double' }, kernel: lpKernel((ctx) => ctx.attr.float('p')) },
    { since: 2, inputs: 'X:T', outputs: 'Y:T', attrs: { p: 'int=2' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: 'X:T', outputs: 'Y:T', attrs: { p: 'int=2' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
