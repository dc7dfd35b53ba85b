import { defineOp } from '../define.js';
import { DataType, dtypeName } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { broadcastDims, broadcastIndex, broadcastShapes } from '../helpers/broadcast.js';
import { encodeFloats, isNarrowFloat, sizeOf, toFloat, toFloat32 } from '../helpers/convert.js';
import { dimConflicts } from '../helpers/dims.js';
import { matmulBigInt, matmulFloat, matmulInt32 } from '../helpers/matmul.js';
import type { FlopsContext, InferContext, KernelContext } from '../types.js';

/**
 * numpy matmul shapes: a 1-D A is a row [1,K] and a 1-D B a column [K,1] (the added dim is
 * removed from the result); leading dims broadcast. Returns the output dims.
 */
export function matmulShape(a: readonly Dim[], b: readonly Dim[], fail: (m: string) => never): Dim[] {
  if (a.length === 0 || b.length === 0) fail(`inputs must have rank >= 1, got shapes [${a.join(',')}] and [${b.join(',')}]`);
  const A = a.length === 1 ? [1, a[0]!] : a;
  const B = b.length === 1 ? [b[0]!, 1] : b;
  const K1 = A[A.length - 1]!;
  const K2 = B[B.length - 2]!;
  if (dimConflicts(K1, K2)) fail(`inner dims differ: A is [${a.join(',')}], B is [${b.join(',')}]`);
  const batch = broadcastDims([A.slice(0, -2), B.slice(0, -2)], fail)!;
  const out: Dim[] = [...batch];
  if (a.length > 1) out.push(A[A.length - 2]!);
  if (b.length > 1) out.push(B[B.length - 1]!);
  return out;
}

function inferMatMul(ctx: InferContext): (ValueType | undefined)[] {
  const a = ctx.input(0);
  const b = ctx.input(1);
  const elem = a.elemType || b.elemType;
  if (!a.shape || !b.shape) return [tensorType(elem)];
  return [tensorType(elem, matmulShape(a.shape, b.shape, (m) => ctx.fail(m)))];
}

/** A batched matrix product on tensors, for MatMul (and ops built on it). */
export function matmulTensors(a: Tensor, b: Tensor, fail: (m: string) => never): Tensor {
  if (a.dtype !== b.dtype) fail(`A is ${dtypeName(a.dtype)} but B is ${dtypeName(b.dtype)}`);
  const outDims = matmulShape(a.dims, b.dims, fail) as number[];
  const A = a.rank === 1 ? [1, a.dims[0]!] : a.dims;
  const B = b.rank === 1 ? [b.dims[0]!, 1] : b.dims;
  let M = A[A.length - 2]!;
  const K = A[A.length - 1]!;
  const N = B[B.length - 1]!;
  const batchA = A.slice(0, -2);
  const batchB = B.slice(0, -2);
  const batch = broadcastShapes([batchA, batchB])!;
  let nb = sizeOf(batch);
  let [ia, ib] = broadcastIndex([batchA, batchB], batch) as [Int32Array, Int32Array];
  let mk = M * K;
  const kn = K * N;
  let mn = M * N;
  if (sizeOf(batchB) === 1 && nb > 1) {
    // One B for every batch of A: the batches of A stack into one [nb*M, K] matrix.
    M *= nb;
    mk *= nb;
    mn *= nb;
    nb = 1;
    ia = ib = new Int32Array(1);
  }
  const dtype = a.dtype;
  if (dtype === DataType.INT64 || dtype === DataType.UINT64) {
    const ad = a.data() as BigInt64Array;
    const bd = b.data() as BigInt64Array;
    const out = dtype === DataType.INT64 ? new BigInt64Array(nb * mn) : new BigUint64Array(nb * mn);
    for (let p = 0; p < nb; p++) matmulBigInt(ad, ia[p]! * mk, false, bd, ib[p]! * kn, false, M, K, N, out, p * mn);
    return Tensor.fromData(dtype, outDims, out);
  }
  if (dtype === DataType.INT32 || dtype === DataType.UINT32) {
    const ad = a.data() as Int32Array;
    const bd = b.data() as Int32Array;
    const out = dtype === DataType.INT32 ? new Int32Array(nb * mn) : new Uint32Array(nb * mn);
    for (let p = 0; p < nb; p++) matmulInt32(ad, ia[p]! * mk, false, bd, ib[p]! * kn, false, M, K, N, out, p * mn);
    return Tensor.fromData(dtype, outDims, out);
  }
  if (dtype !== DataType.FLOAT && dtype !== DataType.DOUBLE && !isNarrowFloat(dtype)) fail(`does not apply to ${dtypeName(dtype)}`);
  const ad = dtype === DataType.DOUBLE ? toFloat(a) : toFloat32(a);
  const bd = dtype === DataType.DOUBLE ? toFloat(b) : toFloat32(b);
  const out = new Float64Array(nb * mn);
  for (let p = 0; p < nb; p++) matmulFloat(ad, ia[p]! * mk, false, bd, ib[p]! * kn, false, M, K, N, out, p * mn);
  return Tensor.fromData(dtype, outDims, encodeFloats(dtype, out));
}

function matmulKernel(ctx: KernelContext) {
  return [matmulTensors(ctx.input(0), ctx.input(1), (m) => ctx.fail(m))];
}

/** 2 · prod(batch) · M · N · K: two FLOPs per multiply-add. */
function matmulFlops(ctx: FlopsContext): number | undefined {
  const a = ctx.inputShape(0);
  const out = ctx.outputShape(0);
  if (!a || !out || a.length === 0) return undefined;
  return 2 * sizeOf(out) * a[a.length - 1]!;
}

/** Matrix product with numpy semantics (1-D promotion, broadcast batch dims). */
export default defineOp({
  opType: 'MatMul',
  category: 'math',
  infer: inferMatMul,
  kernel: matmulKernel,
  flops: matmulFlops,
  versions: [
    { since: 1, inputs: 'A:T, B:T', outputs: 'Y:T', types: { T: 'float16 float double' } },
    { since: 9, inputs: 'A:T, B:T', outputs: 'Y:T', types: { T: 'float16 float double uint32 uint64 int32 int64' } },
    { since: 13, inputs: 'A:T, B:T', outputs: 'Y:T', types: { T: 'float16 float double uint32 uint64 int32 int64 bfloat16' } },
  ],
});
