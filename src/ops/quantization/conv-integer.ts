import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { convFlops, convKernelGeometry, inferConvShape, type WindowGeometry } from '../helpers/conv-pool.js';
import { convForward } from '../helpers/conv-kernel.js';
import { toFloat64 } from '../helpers/convert.js';
import type { InferContext, KernelContext } from '../types.js';

/**
 * (x - x_zero_point) and (w - w_zero_point) as float64 (exact for 8-bit values); the weight zero
 * point is a scalar or one per output channel, the input's a scalar.
 */
export function centeredConvInputs(ctx: KernelContext, X: Tensor, W: Tensor, xz: Tensor | undefined, wz: Tensor | undefined): { x: Float64Array; w: Float64Array } {
  // toFloat64 converts 8-bit data into a new array, so it can be centered in place.
  const x = toFloat64(X);
  const w = toFloat64(W);
  if (xz) {
    if (xz.size !== 1) ctx.fail(`x_zero_point must be a scalar, got shape [${xz.dims.join(',')}]`);
    const z = toFloat64(xz)[0]!;
    if (z !== 0) for (let i = 0; i < x.length; i++) x[i] -= z;
  }
  if (wz) {
    const z = toFloat64(wz);
    const M = W.dims[0]!;
    if (z.length === 1) {
      if (z[0] !== 0) for (let i = 0; i < w.length; i++) w[i] -= z[0]!;
    } else if (z.length === M && wz.rank === 1) {
      const per = w.length / M;
      for (let m = 0; m < M; m++) for (let i = m * per; i < (m + 1) * per; i++) w[i] -= z[m]!;
    } else ctx.fail(`w_zero_point must be a scalar or have one value per output channel (${M}), got shape [${wz.dims.join(',')}]`);
  }
  return { x, w };
}

/** The integer convolution of the centered inputs (plus an int32 bias), as exact float64 sums. */
export function integerConv(ctx: KernelContext, X: Tensor, W: Tensor, xz: Tensor | undefined, wz: Tensor | undefined, bias: Tensor | undefined): { y: Float64Array; dims: number[]; geom: WindowGeometry; M: number } {
  const { geom, M, group } = convKernelGeometry(ctx, X, W);
  if (bias && bias.size !== M) ctx.fail(`B has ${bias.size} values, expected ${M}`);
  const { x, w } = centeredConvInputs(ctx, X, W, xz, wz);
  const dims = [X.dims[0]!, M, ...geom.outDims];
  const y = new Float64Array(dims.reduce((a, b) => a * b, 1));
  convForward(x, X.dims, w, M, group, geom, bias ? toFloat64(bias) : undefined, y);
  return { y, dims, geom, M };
}

/** y = conv(x - x_zero_point, w - w_zero_point) accumulated in int32. */
function inferConvInteger(ctx: InferContext): (ValueType | undefined)[] {
  return [tensorType(DataType.INT32, inferConvShape(ctx.attr, ctx.input(0), ctx.input(1), (m) => ctx.fail(m)))];
}

function convIntegerKernel(ctx: KernelContext) {
  const { y, dims } = integerConv(ctx, ctx.input(0), ctx.input(1), ctx.optionalInput(2), ctx.optionalInput(3), undefined);
  // Int32Array stores wrap modulo 2^32, as an int32 accumulator would.
  return [Tensor.fromData(DataType.INT32, dims, Int32Array.from(y))];
}

export default defineOp({
  opType: 'ConvInteger',
  category: 'quantization',
  infer: inferConvInteger,
  kernel: convIntegerKernel,
  flops: convFlops(1),
  versions: [
    { since: 10, inputs: 'x:T1, w:T2, x_zero_point?:T1, w_zero_point?:T2', outputs: 'y:T3', attrs: { auto_pad: 'string=NOTSET', dilations: 'ints', group: 'int=1', kernel_shape: 'ints', pads: 'ints', strides: 'ints' }, types: { T1: 'int8 uint8', T2: 'int8 uint8', T3: 'int32' } },
  ],
});
