import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { dimProduct } from '../helpers/dims.js';
import type { InferContext, KernelContext } from '../types.js';

/** A scalar int64: the element count of the input (symbolic when its dims are). */
function inferSize(ctx: InferContext): (ValueType | undefined)[] {
  const shape = ctx.input(0).shape;
  if (shape) ctx.setSymbolic(0, [dimProduct(shape)]);
  return [tensorType(DataType.INT64, [])];
}

function sizeKernel(ctx: KernelContext) {
  return [Tensor.scalar(DataType.INT64, BigInt(ctx.input(0).size))];
}

export default defineOp({
  opType: 'Size',
  category: 'shape',
  traits: ['shape-only'],
  infer: inferSize,
  kernel: sizeKernel,
  flops: () => 0,
  versions: [
    { since: 1, inputs: 'data:T', outputs: 'size:T1', types: { T: '$all_v1', T1: 'int64' } },
    { since: 13, inputs: 'data:T', outputs: 'size:T1', types: { T: '$all_v13', T1: 'int64' } },
    { since: 19, inputs: 'data:T', outputs: 'size:T1', types: { T: '$all_v19', T1: 'int64' } },
    { since: 21, inputs: 'data:T', outputs: 'size:T1', types: { T: '$all_v21', T1: 'int64' } },
    { since: 23, inputs: 'data:T', outputs: 'size:T1', types: { T: '$all_v23', T1: 'int64' } },
    { since: 24, inputs: 'data:T', outputs: 'size:T1', types: { T: '$all_v24', T1: 'int64' } },
    { since: 25, inputs: 'data:T', outputs: 'size:T1', types: { T: '$all_v25', T1: 'int64' } },
  ],
});
