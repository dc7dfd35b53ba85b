import { defineOp } from '../define.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { inferPoolShape } from '../helpers/conv-pool.js';
import { poolFlops, runPool } from '../helpers/pool-kernel.js';
import type { InferContext, KernelContext, KernelFn } from '../types.js';

/** Y = (sum of |x|^p over each window)^(1/p); padding contributes zeros. */
function inferLpPool(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  return [tensorType(x.elemType, inferPoolShape(ctx.attr, x, (m) => ctx.fail(m)))];
}

/** The kernel, given how the version spells p (a float in LpPool-1, an int after). */
function lpPoolKernel(readP: (ctx: KernelContext) => number): KernelFn {
  return (ctx) => {
    const p = readP(ctx);
    if (!(p > 0)) ctx.fail(`p must be positive, got ${p}`);
    return runPool(ctx, { mode: 'lp', p });
  };
}

export default defineOp({
  opType: 'LpPool',
  category: 'pool',
  infer: inferLpPool,
  kernel: lpPoolKernel((ctx) => ctx.attr.int('p')),
  flops: poolFlops,
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', kernel_shape: 'ints', p: 'float=2.0', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' }, kernel: lpPoolKernel((ctx) => ctx.attr.float('p')) },
    { since: 2, inputs: 'X:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', kernel_shape: 'ints!', p: 'int=2', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' } },
    { since: 11, inputs: 'X:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', kernel_shape: 'ints!', p: 'int=2', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' } },
    { since: 18, inputs: 'X:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', ceil_mode: 'int=0', dilations: 'ints', kernel_shape: 'ints!', p: 'int=2', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: 'X:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', ceil_mode: 'int=0', dilations: 'ints', kernel_shape: 'ints!', p: 'int=2', pads: 'ints', strides: 'ints' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
