import { defineOp } from '../define.js';
import { DataType, dtypeName } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { encodeFloats, isNarrowFloat, toFloat, toFloat32 } from '../helpers/convert.js';
import { dimConflicts } from '../helpers/dims.js';
import { matmulBigInt, matmulFloat, matmulInt32 } from '../helpers/matmul.js';
import type { FlopsContext, InferContext, KernelContext, KernelFn } from '../types.js';

/** Checks C against the output [M, N]: unidirectional broadcasting, or an exact match with `exact`. */
function checkBias(c: readonly Dim[], m: Dim, n: Dim, exact: boolean, fail: (msg: string) => never): void {
  const what = `C of shape [${c.join(',')}] does not ${exact ? 'match (broadcast=0)' : 'broadcast to'} [${m ?? '?'},${n ?? '?'}]`;
  if (exact ? c.length !== 2 : c.length > 2) fail(what);
  const want = [m, n].slice(2 - c.length);
  c.forEach((d, i) => {
    if ((exact || d !== 1) && dimConflicts(d, want[i]!)) fail(what);
  });
}

function inferGemm(ctx: InferContext, exactBias = false): (ValueType | undefined)[] {
  const a = ctx.input(0);
  const b = ctx.input(1);
  const transA = ctx.attr.int('transA') !== 0;
  const transB = ctx.attr.int('transB') !== 0;
  if (a.shape && a.shape.length !== 2) ctx.fail(`A must be 2-D, got [${a.shape.join(',')}]`);
  if (b.shape && b.shape.length !== 2) ctx.fail(`B must be 2-D, got [${b.shape.join(',')}]`);
  let m: Dim = a.shape ? a.shape[transA ? 1 : 0]! : null;
  const ka: Dim = a.shape ? a.shape[transA ? 0 : 1]! : null;
  const kb: Dim = b.shape ? b.shape[transB ? 1 : 0]! : null;
  let n: Dim = b.shape ? b.shape[transB ? 0 : 1]! : null;
  if (dimConflicts(ka, kb)) ctx.fail(`inner dims differ: A' is [${m},${ka}], B' is [${kb},${n}]`);
  const c = ctx.has(2) ? ctx.input(2).shape : undefined;
  if (c) {
    checkBias(c, m, n, exactBias, (msg) => ctx.fail(msg));
    // A bias dim that is not 1 tells the output dim when A or B do not.
    if (c.length === 2 && m === null && c[0] !== 1) m = c[0]!;
    if (c.length >= 1 && n === null && c[c.length - 1] !== 1) n = c[c.length - 1]!;
  }
  return [tensorType(a.elemType || b.elemType, [m, n])];
}

/** Y = alpha·A'·B' + beta·C. */
function gemmKernel(ctx: KernelContext): Tensor[] {
  const a = ctx.input(0);
  const b = ctx.input(1);
  const c = ctx.optionalInput(2);
  if (a.rank !== 2 || b.rank !== 2) ctx.fail(`A and B must be 2-D, got [${a.dims.join(',')}] and [${b.dims.join(',')}]`);
  if (a.dtype !== b.dtype || (c && c.dtype !== a.dtype)) ctx.fail(`inputs must share one type, got ${[a, b, c].filter(Boolean).map((t) => dtypeName(t!.dtype)).join(', ')}`);
  const transA = ctx.attr.int('transA') !== 0;
  const transB = ctx.attr.int('transB') !== 0;
  const alpha = ctx.attr.float('alpha');
  const beta = ctx.attr.float('beta');
  const M = a.dims[transA ? 1 : 0]!;
  const K = a.dims[transA ? 0 : 1]!;
  const K2 = b.dims[transB ? 1 : 0]!;
  const N = b.dims[transB ? 0 : 1]!;
  if (K !== K2) ctx.fail(`inner dims differ: A' is [${M},${K}], B' is [${K2},${N}]`);
  // C is read at c[i*ci + j*cj] (strides 0 on broadcast dims).
  let ci = 0;
  let cj = 0;
  if (c) {
    checkBias(c.dims, M, N, false, (m) => ctx.fail(m));
    const c0 = c.rank === 2 ? c.dims[0]! : 1;
    const c1 = c.rank >= 1 ? c.dims[c.rank - 1]! : 1;
    ci = c0 === 1 ? 0 : c1;
    cj = c1 === 1 ? 0 : 1;
  }
  const useC = c !== undefined && beta !== 0;
  const dtype = a.dtype;
  const size = M * N;
  if (dtype === DataType.INT64 || dtype === DataType.UINT64) {
    const out = dtype === DataType.INT64 ? new BigInt64Array(size) : new BigUint64Array(size);
    matmulBigInt(a.data() as BigInt64Array, 0, transA, b.data() as BigInt64Array, 0, transB, M, K, N, out, 0);
    const cd = useC ? (c.data() as BigInt64Array) : undefined;
    if (alpha === 1 && !cd) return [Tensor.fromData(dtype, [M, N], out)];
    if (Number.isInteger(alpha) && Number.isInteger(beta)) {
      const al = BigInt(alpha);
      const be = BigInt(beta);
      for (let i = 0; i < M; i++) {
        for (let j = 0; j < N; j++) out[i * N + j] = al * out[i * N + j]! + (cd ? be * cd[i * ci + j * cj]! : 0n);
      }
    } else {
      // Fractional scales: computed in float64, truncated toward zero.
      for (let i = 0; i < M; i++) {
        for (let j = 0; j < N; j++) {
          const v = alpha * Number(out[i * N + j]!) + (cd ? beta * Number(cd[i * ci + j * cj]!) : 0);
          out[i * N + j] = Number.isFinite(v) ? BigInt(Math.trunc(v)) : 0n;
        }
      }
    }
    return [Tensor.fromData(dtype, [M, N], out)];
  }
  if (dtype === DataType.INT32 || dtype === DataType.UINT32) {
    const out = dtype === DataType.INT32 ? new Int32Array(size) : new Uint32Array(size);
    matmulInt32(a.data() as Int32Array, 0, transA, b.data() as Int32Array, 0, transB, M, K, N, out, 0);
    const cd = useC ? (c.data() as Int32Array) : undefined;
    if (alpha === 1 && (!cd || beta === 1)) {
      if (cd) for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) out[i * N + j] = (out[i * N + j]! + cd[i * ci + j * cj]!) | 0;
      return [Tensor.fromData(dtype, [M, N], out)];
    }
    const f = new Float64Array(size);
    for (let i = 0; i < M; i++) {
      for (let j = 0; j < N; j++) f[i * N + j] = alpha * out[i * N + j]! + (cd ? beta * cd[i * ci + j * cj]! : 0);
    }
    return [Tensor.fromData(dtype, [M, N], encodeFloats(dtype, f))];
  }
  if (dtype !== DataType.FLOAT && dtype !== DataType.DOUBLE && !isNarrowFloat(dtype)) ctx.fail(`does not apply to ${dtypeName(dtype)}`);
  const read = (t: Tensor) => (dtype === DataType.DOUBLE ? toFloat(t) : toFloat32(t));
  const out = new Float64Array(size);
  matmulFloat(read(a), 0, transA, read(b), 0, transB, M, K, N, out, 0);
  if (alpha !== 1) for (let o = 0; o < size; o++) out[o] *= alpha;
  if (useC) {
    const cd = read(c);
    for (let i = 0; i < M; i++) {
      const row = i * N;
      const cRow = i * ci;
      for (let j = 0; j < N; j++) out[row + j] += beta * cd[cRow + j * cj]!;
    }
  }
  return [Tensor.fromData(dtype, [M, N], encodeFloats(dtype, out))];
}

/** Gemm-1 and -6: C must be [M, N] unless broadcast=1. */
const legacyGemmKernel: KernelFn = (ctx) => {
  if (ctx.attr.int('broadcast') === 0) {
    const a = ctx.input(0);
    const b = ctx.input(1);
    const c = ctx.input(2);
    const M = a.dims[ctx.attr.int('transA') !== 0 ? 1 : 0];
    const N = b.dims[ctx.attr.int('transB') !== 0 ? 0 : 1];
    if (c.rank !== 2 || c.dims[0] !== M || c.dims[1] !== N) ctx.fail(`C of shape [${c.dims.join(',')}] must be [${M},${N}] when broadcast=0`);
  }
  return gemmKernel(ctx);
};

function legacyGemmInfer(ctx: InferContext): (ValueType | undefined)[] {
  return inferGemm(ctx, ctx.attr.int('broadcast') === 0);
}

/** 2·M·N·K, plus M·N for adding C and M·N for each of alpha and beta that is not 1. */
function gemmFlops(ctx: FlopsContext): number | undefined {
  const y = ctx.outputShape(0);
  const a = ctx.inputShape(0);
  if (!y || !a || y.length !== 2 || a.length !== 2) return undefined;
  const mn = y[0]! * y[1]!;
  const k = a[ctx.attr.int('transA') !== 0 ? 0 : 1]!;
  const hasC = ctx.node.inputs[2] !== undefined;
  let f = 2 * mn * k;
  if (hasC) f += mn;
  if (ctx.attr.float('alpha') !== 1) f += mn;
  if (hasC && ctx.attr.float('beta') !== 1) f += mn;
  return f;
}

/** General matrix multiply: Y = alpha·A'·B' + beta·C with optional transposes; C broadcasts to [M, N]. */
export default defineOp({
  opType: 'Gemm',
  category: 'math',
  infer: (ctx) => inferGemm(ctx),
  kernel: gemmKernel,
  flops: gemmFlops,
  versions: [
    { since: 1, inputs: 'A:T, B:T, C:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0', beta: 'float=1.0', broadcast: 'int=0', transA: 'int=0', transB: 'int=0' }, types: { T: 'float16 float double' }, infer: legacyGemmInfer, kernel: legacyGemmKernel },
    { since: 6, inputs: 'A:T, B:T, C:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0', beta: 'float=1.0', broadcast: 'int=0', transA: 'int=0', transB: 'int=0' }, types: { T: 'float16 float double' }, infer: legacyGemmInfer, kernel: legacyGemmKernel },
    { since: 7, inputs: 'A:T, B:T, C:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0', beta: 'float=1.0', transA: 'int=0', transB: 'int=0' }, types: { T: 'float16 float double' } },
    { since: 9, inputs: 'A:T, B:T, C:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0', beta: 'float=1.0', transA: 'int=0', transB: 'int=0' }, types: { T: 'float16 float double uint32 uint64 int32 int64' } },
    { since: 11, inputs: 'A:T, B:T, C?:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0', beta: 'float=1.0', transA: 'int=0', transB: 'int=0' }, types: { T: 'float16 float double uint32 uint64 int32 int64' } },
    { since: 13, inputs: 'A:T, B:T, C?:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0', beta: 'float=1.0', transA: 'int=0', transB: 'int=0' }, types: { T: 'float16 float double uint32 uint64 int32 int64 bfloat16' } },
  ],
});
