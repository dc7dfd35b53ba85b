import { defineOp } from '../define.js';
import { allocData, DataType, type NumericArray } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { encodeFloats, toFloat64 } from '../helpers/convert.js';
import { matmulF64, matmulShape, paramIndex, subtractParam } from '../helpers/qmatmul.js';
import { clampInt, intRange, roundHalfEven } from '../helpers/quant.js';
import type { InferContext, KernelContext } from '../types.js';
import { matmulFlops } from './matmul-integer.js';

/**
 * y = quantize((a - a_zp) @ (b - b_zp) * a_scale * b_scale / y_scale, y_scale, y_zp): a's
 * parameters may be per row, b's per column.
 */
function inferQLinearMatMul(ctx: InferContext): (ValueType | undefined)[] {
  return [tensorType(ctx.input(7).elemType, matmulShape(ctx.input(0).shape, ctx.input(3).shape, (m) => ctx.fail(m)))];
}

function qlinearMatMulKernel(ctx: KernelContext) {
  const fail = (m: string) => ctx.fail(m);
  const A = ctx.input(0);
  const As = ctx.input(1);
  const Az = ctx.input(2);
  const B = ctx.input(3);
  const Bs = ctx.input(4);
  const Bz = ctx.input(5);
  const Ys = ctx.input(6);
  const Yz = ctx.input(7);
  // toFloat64 converts 8-bit (and float8) data into new arrays, centered in place below.
  const a = toFloat64(A);
  const b = toFloat64(B);
  subtractParam(a, A.dims, toFloat64(Az), Az.dims, 'row', fail);
  subtractParam(b, B.dims, toFloat64(Bz), Bz.dims, 'col', fail);
  const { y, dims } = matmulF64(a, A.dims, b, B.dims, fail);
  const as = toFloat64(As);
  const bs = toFloat64(Bs);
  const ys = toFloat64(Ys);
  const yz = toFloat64(Yz);
  const ia = paramIndex(As.dims, dims, 'row', fail);
  const ib = paramIndex(Bs.dims, dims, 'col', fail);
  const iy = paramIndex(Ys.dims, dims, 'out', fail);
  const iz = paramIndex(Yz.dims, dims, 'out', fail);
  const t = Yz.dtype;
  const range = intRange(t);
  const n = y.length;
  const out = range ? (allocData(t, n) as NumericArray) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // The combined scale in float32, as the reference computes a_scale * b_scale / y_scale.
    const m = Math.fround(Math.fround(as[ia ? ia[i]! : 0]! * bs[ib ? ib[i]! : 0]!) / ys[iy ? iy[i]! : 0]!);
    const v = y[i]! * m + yz[iz ? iz[i]! : 0]!;
    out[i] = range ? clampInt(roundHalfEven(v), range[0], range[1]) : v;
  }
  if (range) return [Tensor.fromData(t, dims, out)];
  return [Tensor.fromData(t, dims, encodeFloats(t, out, { saturate: true }))];
}

export default defineOp({
  opType: 'QLinearMatMul',
  category: 'quantization',
  infer: inferQLinearMatMul,
  kernel: qlinearMatMulKernel,
  flops: matmulFlops,
  versions: [
    { since: 10, inputs: 'a:T1, a_scale:tensor(float), a_zero_point:T1, b:T2, b_scale:tensor(float), b_zero_point:T2, y_scale:tensor(float), y_zero_point:T3', outputs: 'y:T3', types: { T1: 'int8 uint8', T2: 'int8 uint8', T3: 'int8 uint8' } },
    { since: 21, inputs: 'a:T1, a_scale:TS, a_zero_point:T1, b:T2, b_scale:TS, b_zero_point:T2, y_scale:TS, y_zero_point:T3', outputs: 'y:T3', types: { TS: 'float float16 bfloat16', T1: 'int8 uint8 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz', T2: 'int8 uint8 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz', T3: 'int8 uint8 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz' } },
  ],
});
