import { defineOp } from '../define.js';
import { allocData, type NumericArray } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { convFlops, inferConvShape } from '../helpers/conv-pool.js';
import { toFloat64 } from '../helpers/convert.js';
import { dimConflicts } from '../helpers/dims.js';
import { clampInt, intRange, roundHalfEven } from '../helpers/quant.js';
import type { InferContext, KernelContext } from '../types.js';
import { integerConv } from './conv-integer.js';

/**
 * y = quantize(conv(x - x_zp, w - w_zp) + B, scale x_scale * w_scale / y_scale, y_zp); w_scale
 * and w_zero_point may hold one value per output channel.
 */
function inferQLinearConv(ctx: InferContext): (ValueType | undefined)[] {
  const shape = inferConvShape(ctx.attr, ctx.input(0), ctx.input(3), (m) => ctx.fail(m));
  if (ctx.has(8)) {
    const b = ctx.input(8).shape;
    if (b && b.length !== 1) ctx.fail(`B must be 1-D, got rank ${b.length}`);
    if (b && shape && dimConflicts(b[0]!, shape[1]!)) ctx.fail(`B has ${b[0]} values but w has ${shape[1]} output channels`);
  }
  return [tensorType(ctx.input(7).elemType, shape)];
}

function qlinearConvKernel(ctx: KernelContext) {
  const X = ctx.input(0);
  const xs = ctx.input(1);
  const W = ctx.input(3);
  const ws = ctx.input(4);
  const ys = ctx.input(6);
  const yz = ctx.input(7);
  const { y, dims, M } = integerConv(ctx, X, W, ctx.input(2), ctx.input(5), ctx.optionalInput(8));
  if (xs.size !== 1 || ys.size !== 1 || yz.size !== 1) ctx.fail('x_scale, y_scale and y_zero_point must be scalars');
  const wsv = toFloat64(ws);
  if (wsv.length !== 1 && wsv.length !== M) ctx.fail(`w_scale must be a scalar or have ${M} values, got shape [${ws.dims.join(',')}]`);
  const xsv = toFloat64(xs)[0]!;
  const ysv = toFloat64(ys)[0]!;
  const zp = toFloat64(yz)[0]!;
  const t = yz.dtype;
  const range = intRange(t);
  if (!range) ctx.fail('y_zero_point must be an integer type');
  const out = allocData(t, y.length) as NumericArray;
  const per = y.length / (dims[0]! * M);
  for (let n = 0, i = 0; n < dims[0]!; n++) {
    for (let m = 0; m < M; m++) {
      // The requantization scale in float32, as x_scale * w_scale / y_scale is computed there.
      const scale = Math.fround(Math.fround(xsv * wsv[wsv.length === 1 ? 0 : m]!) / ysv);
      for (let j = 0; j < per; j++, i++) out[i] = clampInt(roundHalfEven(y[i]! * scale) + zp, range[0], range[1]);
    }
  }
  return [Tensor.fromData(t, dims, out)];
}

export default defineOp({
  opType: 'QLinearConv',
  category: 'quantization',
  infer: inferQLinearConv,
  kernel: qlinearConvKernel,
  flops: convFlops(3, 8),
  versions: [
    { since: 10, inputs: 'x:T1, x_scale:tensor(float), x_zero_point:T1, w:T2, w_scale:tensor(float), w_zero_point:T2, y_scale:tensor(float), y_zero_point:T3, B?:T4', outputs: 'y:T3', attrs: { auto_pad: 'string=NOTSET', dilations: 'ints', group: 'int=1', kernel_shape: 'ints', pads: 'ints', strides: 'ints' }, types: { T1: 'int8 uint8', T2: 'int8 uint8', T3: 'int8 uint8', T4: 'int32' } },
  ],
});
