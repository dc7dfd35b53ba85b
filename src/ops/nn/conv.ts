import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { convFlops, convKernelGeometry, inferConvShape } from '../helpers/conv-pool.js';
import { convForward, sameKind } from '../helpers/conv-kernel.js';
import { tensorFromFloats, toFloat } from '../helpers/convert.js';
import { dimConflicts } from '../helpers/dims.js';
import type { InferContext, KernelContext } from '../types.js';

/** Y = X (*) W + B: N-D convolution with groups, strides, dilations and padding. */
function inferConv(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const w = ctx.input(1);
  const shape = inferConvShape(ctx.attr, x, w, (m) => ctx.fail(m));
  if (ctx.has(2)) {
    const b = ctx.input(2).shape;
    if (b && b.length !== 1) ctx.fail(`B must be 1-D, got rank ${b.length}`);
    if (b && shape && dimConflicts(b[0]!, shape[1]!)) ctx.fail(`B has ${b[0]} values but W has ${shape[1]} output channels`);
  }
  return [tensorType(x.elemType || w.elemType, shape)];
}

function convKernel(ctx: KernelContext) {
  const X = ctx.input(0);
  const W = ctx.input(1);
  const B = ctx.optionalInput(2);
  const { geom, M, group } = convKernelGeometry(ctx, X, W);
  if (B && B.size !== M) ctx.fail(`B has ${B.size} values, expected ${M}`);
  const x = toFloat(X);
  let w = toFloat(W);
  if (x instanceof Float64Array && !(w instanceof Float64Array)) w = Float64Array.from(w);
  if (!(x instanceof Float64Array) && w instanceof Float64Array) w = Float32Array.from(w);
  const outDims = [X.dims[0]!, M, ...geom.outDims];
  const y = sameKind(x, outDims.reduce((a, b) => a * b, 1));
  convForward(x, X.dims, w, M, group, geom, B ? toFloat(B) : undefined, y);
  return [tensorFromFloats(X.dtype === DataType.UNDEFINED ? DataType.FLOAT : X.dtype, outDims, y)];
}

export default defineOp({
  opType: 'Conv',
  category: 'nn',
  infer: inferConv,
  kernel: convKernel,
  flops: convFlops(1, 2),
  versions: [
    { since: 1, inputs: 'X:T, W:T, B?:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', dilations: 'ints', group: 'int=1', kernel_shape: 'ints', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' } },
    { since: 11, inputs: 'X:T, W:T, B?:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', dilations: 'ints', group: 'int=1', kernel_shape: 'ints', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: 'X:T, W:T, B?:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', dilations: 'ints', group: 'int=1', kernel_shape: 'ints', pads: 'ints', strides: 'ints' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
