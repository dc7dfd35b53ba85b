import { defineOp } from '../define.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { inferPoolShape } from '../helpers/conv-pool.js';
import { poolFlops, runPool } from '../helpers/pool-kernel.js';
import type { InferContext, KernelContext } from '../types.js';

/** Y = average of each window (padding counted when count_include_pad is set). */
function inferAveragePool(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  return [tensorType(x.elemType, inferPoolShape(ctx.attr, x, (m) => ctx.fail(m)))];
}

function averagePoolKernel(ctx: KernelContext) {
  return runPool(ctx, { mode: 'avg', countIncludePad: (ctx.attr.optInt('count_include_pad') ?? 0) !== 0 });
}

export default defineOp({
  opType: 'AveragePool',
  category: 'pool',
  infer: inferAveragePool,
  kernel: averagePoolKernel,
  flops: poolFlops,
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', kernel_shape: 'ints!', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' } },
    { since: 7, inputs: 'X:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', count_include_pad: 'int=0', kernel_shape: 'ints!', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' } },
    { since: 10, inputs: 'X:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', ceil_mode: 'int=0', count_include_pad: 'int=0', kernel_shape: 'ints!', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' } },
    { since: 11, inputs: 'X:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', ceil_mode: 'int=0', count_include_pad: 'int=0', kernel_shape: 'ints!', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' } },
    { since: 19, inputs: 'X:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', ceil_mode: 'int=0', count_include_pad: 'int=0', dilations: 'ints', kernel_shape: 'ints!', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: 'X:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', ceil_mode: 'int=0', count_include_pad: 'int=0', dilations: 'ints', kernel_shape: 'ints!', pads: 'ints', strides: 'ints' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
