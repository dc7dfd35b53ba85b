import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { toFloat64 } from '../helpers/convert.js';
import { matmulF64, matmulShape, subtractParam } from '../helpers/qmatmul.js';
import type { FlopsContext, InferContext, KernelContext } from '../types.js';

/** Y = (A - a_zero_point) @ (B - b_zero_point) in int32, numpy matmul semantics. */
function inferMatMulInteger(ctx: InferContext): (ValueType | undefined)[] {
  return [tensorType(DataType.INT32, matmulShape(ctx.input(0).shape, ctx.input(1).shape, (m) => ctx.fail(m)))];
}

function matMulIntegerKernel(ctx: KernelContext) {
  const A = ctx.input(0);
  const B = ctx.input(1);
  const fail = (m: string) => ctx.fail(m);
  // toFloat64 converts 8-bit (and float8) data into new arrays, centered in place below.
  const a = toFloat64(A);
  const b = toFloat64(B);
  const az = ctx.optionalInput(2);
  const bz = ctx.optionalInput(3);
  if (az) subtractParam(a, A.dims, toFloat64(az), az.dims, 'row', fail);
  if (bz) subtractParam(b, B.dims, toFloat64(bz), bz.dims, 'col', fail);
  const { y, dims } = matmulF64(a, A.dims, b, B.dims, fail);
  // Int32Array stores wrap modulo 2^32: the accumulation may overflow only in 32 bits.
  return [Tensor.fromData(DataType.INT32, dims, Int32Array.from(y))];
}

/** FLOPs of a matrix product: 2 * prod(Y) * K. */
export function matmulFlops(ctx: FlopsContext): number | undefined {
  const a = ctx.inputShape(0);
  const y = ctx.outputShape(0);
  if (!a || !y || a.length === 0) return undefined;
  return 2 * y.reduce((p, d) => p * d, 1) * a[a.length - 1]!;
}

export default defineOp({
  opType: 'MatMulInteger',
  category: 'quantization',
  infer: inferMatMulInteger,
  kernel: matMulIntegerKernel,
  flops: matmulFlops,
  versions: [
    { since: 10, inputs: 'A:T1, B:T2, a_zero_point?:T1, b_zero_point?:T2', outputs: 'Y:T3', types: { T1: 'int8 uint8', T2: 'int8 uint8', T3: 'int32' } },
  ],
});
