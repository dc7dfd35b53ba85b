import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { toFloat32 } from '../helpers/convert.js';
import { clampInt, roundHalfEven } from '../helpers/quant.js';
import type { InferContext, KernelContext } from '../types.js';

/** Quantizes x to uint8 with a scale and zero point computed from its range (which includes 0). */
function inferDynamicQuantizeLinear(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  return [tensorType(DataType.UINT8, x.shape), tensorType(DataType.FLOAT, []), tensorType(DataType.UINT8, [])];
}

function dynamicQuantizeLinearKernel(ctx: KernelContext) {
  const X = ctx.input(0);
  const x = toFloat32(X);
  const n = x.length;
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  // float32 arithmetic throughout, like the reference function body.
  const scale = Math.fround(Math.fround(hi - lo) / 255);
  const y = new Uint8Array(n);
  let zp = 0;
  if (scale !== 0) {
    zp = clampInt(roundHalfEven(Math.fround(0 - Math.fround(lo / scale))), 0, 255);
    for (let i = 0; i < n; i++) y[i] = clampInt(roundHalfEven(Math.fround(x[i]! / scale)) + zp, 0, 255);
  }
  return [
    Tensor.fromData(DataType.UINT8, X.dims, y),
    Tensor.fromData(DataType.FLOAT, [], Float32Array.of(scale)),
    Tensor.fromData(DataType.UINT8, [], Uint8Array.of(zp)),
  ];
}

export default defineOp({
  opType: 'DynamicQuantizeLinear',
  category: 'quantization',
  infer: inferDynamicQuantizeLinear,
  kernel: dynamicQuantizeLinearKernel,
  versions: [
    { since: 11, inputs: 'x:T1', outputs: 'y:T2, y_scale:tensor(float), y_zero_point:T2', types: { T1: 'float', T2: 'uint8' } },
  ],
});
