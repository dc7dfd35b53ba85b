import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import type { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { inferConvShape, prodOf, readWindowAttrs, windowGeometry, type WindowGeometry } from '../helpers/conv-pool.js';
import { convForward, sameKind } from '../helpers/conv-kernel.js';
import { tensorFromFloats, toFloat } from '../helpers/convert.js';
import { dimConflicts } from '../helpers/dims.js';
import type { FlopsContext, InferContext, KernelContext } from '../types.js';

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

/** The static geometry of a convolution of X by W (shared by Conv, ConvInteger, QLinearConv). */
export function convGeometry(ctx: KernelContext, x: Tensor, w: Tensor): { geom: WindowGeometry; M: number; group: number } {
  if (x.rank < 3) ctx.fail(`X must have rank >= 3 (N, C, spatial...), got [${x.dims.join(',')}]`);
  if (w.rank !== x.rank) ctx.fail(`W [${w.dims.join(',')}] must have the rank of X [${x.dims.join(',')}]`);
  const group = ctx.attr.int('group');
  const M = w.dims[0]!;
  if (group < 1 || x.dims[1]! !== w.dims[1]! * group || M % group !== 0) {
    ctx.fail(`X [${x.dims.join(',')}] and W [${w.dims.join(',')}] do not agree with group ${group} (C = W[1] * group, M divisible by group)`);
  }
  const wa = readWindowAttrs(ctx.attr, x.rank - 2, w.dims.slice(2), (m) => ctx.fail(m));
  const geom = windowGeometry(x.dims.slice(2), { ...wa, kernel: w.dims.slice(2) }, (m) => ctx.fail(m));
  return { geom, M, group };
}

function convKernel(ctx: KernelContext) {
  const X = ctx.input(0);
  const W = ctx.input(1);
  const B = ctx.optionalInput(2);
  const { geom, M, group } = convGeometry(ctx, X, W);
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

/** FLOPs of a convolution: 2 * prod(Y) * (C/group) * prod(kernel), plus prod(Y) for a bias. */
export function convFlops(wInput: number, biasInput: number) {
  return (ctx: FlopsContext): number | undefined => {
    const y = ctx.outputShape(0);
    const w = ctx.inputShape(wInput);
    const py = prodOf(y);
    const pw = prodOf(w, 1);
    if (py === undefined || pw === undefined) return undefined;
    return 2 * py * pw + (ctx.node.inputs[biasInput] ? py : 0);
  };
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
