import { defineOp } from '../define.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { dimProduct } from '../helpers/dims.js';
import { reshaped } from '../helpers/layout.js';
import type { InferContext, KernelContext } from '../types.js';

/** The flattening axis in [0, rank] (negative counts from the end). */
function flattenAxis(axis: number, rank: number, fail: (m: string) => never): number {
  if (axis < -rank || axis > rank) fail(`axis ${axis} is out of range for rank ${rank}`);
  return axis < 0 ? axis + rank : axis;
}

/** output = input as a matrix [prod(dims[:axis]), prod(dims[axis:])]. */
function inferFlatten(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  if (!x.shape) return [tensorType(x.elemType, [null, null])];
  const axis = flattenAxis(ctx.attr.int('axis'), x.shape.length, (m) => ctx.fail(m));
  return [tensorType(x.elemType, [dimProduct(x.shape.slice(0, axis)), dimProduct(x.shape.slice(axis))])];
}

function flattenKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  const axis = flattenAxis(ctx.attr.int('axis'), x.rank, (m) => ctx.fail(m));
  const outer = x.dims.slice(0, axis).reduce((a, b) => a * b, 1);
  return [reshaped(x, [outer, x.dims.slice(axis).reduce((a, b) => a * b, 1)])];
}

export default defineOp({
  opType: 'Flatten',
  category: 'shape',
  infer: inferFlatten,
  kernel: flattenKernel,
  flops: () => 0,
  versions: [
    { since: 1, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=1' }, types: { T: 'float16 float double' } },
    { since: 9, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=1' }, types: { T: '$all_v1' } },
    { since: 11, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=1' }, types: { T: '$all_v1' } },
    { since: 13, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=1' }, types: { T: '$all_v13' } },
    { since: 21, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=1' }, types: { T: '$all_v21' } },
    { since: 23, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=1' }, types: { T: '$all_v23' } },
    { since: 24, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=1' }, types: { T: '$all_v24' } },
    { since: 25, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=1' }, types: { T: '$all_v25' } },
  ],
});
