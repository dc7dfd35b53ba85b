import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { inferPoolShape } from '../helpers/conv-pool.js';
import { poolFlops, runPool } from '../helpers/pool-kernel.js';
import type { InferContext, KernelContext } from '../types.js';

/** Y = maximum of each window; Indices = the flat position of each maximum in X. */
function inferMaxPool(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const shape = inferPoolShape(ctx.attr, x, (m) => ctx.fail(m));
  const so = ctx.attr.optInt('storage_order') ?? 0;
  if (so !== 0 && so !== 1) ctx.fail(`storage_order must be 0 or 1, got ${so}`);
  return [tensorType(x.elemType, shape), tensorType(DataType.INT64, shape)].slice(0, ctx.outputCount);
}

function maxPoolKernel(ctx: KernelContext) {
  return runPool(ctx, { mode: 'max', storageOrder: ctx.attr.optInt('storage_order') ?? 0 });
}

export default defineOp({
  opType: 'MaxPool',
  category: 'pool',
  infer: inferMaxPool,
  kernel: maxPoolKernel,
  flops: poolFlops,
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', kernel_shape: 'ints!', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' } },
    { since: 8, inputs: 'X:T', outputs: 'Y:T, Indices?:I', attrs: { auto_pad: 'string=NOTSET', kernel_shape: 'ints!', pads: 'ints', storage_order: 'int=0', strides: 'ints' }, types: { T: 'float16 float double', I: 'int64' } },
    { since: 10, inputs: 'X:T', outputs: 'Y:T, Indices?:I', attrs: { auto_pad: 'string=NOTSET', ceil_mode: 'int=0', dilations: 'ints', kernel_shape: 'ints!', pads: 'ints', storage_order: 'int=0', strides: 'ints' }, types: { T: 'float16 float double', I: 'int64' } },
    { since: 11, inputs: 'X:T', outputs: 'Y:T, Indices?:I', attrs: { auto_pad: 'string=NOTSET', ceil_mode: 'int=0', dilations: 'ints', kernel_shape: 'ints!', pads: 'ints', storage_order: 'int=0', strides: 'ints' }, types: { T: 'float16 float double', I: 'int64' } },
    { since: 12, inputs: 'X:T', outputs: 'Y:T, Indices?:I', attrs: { auto_pad: 'string=NOTSET', ceil_mode: 'int=0', dilations: 'ints', kernel_shape: 'ints!', pads: 'ints', storage_order: 'int=0', strides: 'ints' }, types: { T: 'float16 float double int8 uint8', I: 'int64' } },
    { since: 22, inputs: 'X:T', outputs: 'Y:T, Indices?:I', attrs: { auto_pad: 'string=NOTSET', ceil_mode: 'int=0', dilations: 'ints', kernel_shape: 'ints!', pads: 'ints', storage_order: 'int=0', strides: 'ints' }, types: { T: 'bfloat16 float16 float double int8 uint8', I: 'int64' } },
  ],
});
