/**
 * MatMul on the packed wasm GEMM. A constant 2-D B (weights) is packed once when the session is
 * created; batched products broadcast over up to two batch levels after merging dims.
 */
import type { Tensor } from '../../ir/tensor.js';
import { runGemm, type GemmBatch } from '../../runtime/wasm/gemm-call.js';
import { broadcastShapes } from '../helpers/broadcast.js';
import type { Epilogue, FastKernel, FastNodeInfo, FastOp, FastRunContext } from './types.js';
import { constFloats, floatInput, keepFloats, mayBeFloat, sizeOfDims, withTemp } from './util.js';

/** A constant B packed in the GEMM's panel layout. */
export interface PackedB {
  tensor: Tensor;
  ptr: number;
  K: number;
  N: number;
}

/** Packs a constant 2-D matrix (K x N, or N x K when trans) for use as B. */
export function packConstantB(info: FastNodeInfo, index: number, trans: boolean): PackedB | undefined {
  const t = info.constants[index];
  const data = constFloats(info, index);
  if (!t || !data || t.rank !== 2) return undefined;
  const [r, c] = t.dims as [number, number];
  const K = trans ? c : r;
  const N = trans ? r : c;
  if (K === 0 || N === 0) return undefined;
  const e = info.engine;
  const ptr = info.keep(e.exports.gemm_packed_b_size(K, N) * 4);
  withTemp(e, data, (src) => e.exports.gemm_pack_b(src, c, trans ? 1 : 0, K, N, ptr));
  return { tensor: t, ptr, K, N };
}

/** Batch strides of a broadcast batched product, merged to at most two levels; undefined if more remain. */
export function batchLevels(batchA: readonly number[], batchB: readonly number[], batch: readonly number[], mk: number, kn: number, mn: number): GemmBatch | undefined {
  const r = batch.length;
  const padA = [...Array(r - batchA.length).fill(1), ...batchA] as number[];
  const padB = [...Array(r - batchB.length).fill(1), ...batchB] as number[];
  // Strides (in floats) of each batch dim for A, B and C; 0 where the operand broadcasts.
  const dims: { n: number; a: number; b: number; c: number }[] = [];
  let sa = mk;
  let sb = kn;
  let sc = mn;
  for (let d = r - 1; d >= 0; d--) {
    const n = batch[d]!;
    if (n !== 1) dims.unshift({ n, a: padA[d] === 1 ? 0 : sa, b: padB[d] === 1 ? 0 : sb, c: sc });
    sa *= padA[d]!;
    sb *= padB[d]!;
    sc *= n;
  }
  // Merge a dim into the one after it when all three strides continue it.
  for (let d = dims.length - 2; d >= 0; d--) {
    const x = dims[d]!;
    const y = dims[d + 1]!;
    if (x.a === y.a * y.n && x.b === y.b * y.n && x.c === y.c * y.n) {
      y.n *= x.n;
      dims.splice(d, 1);
    }
  }
  if (dims.length > 2) return undefined;
  while (dims.length < 2) dims.unshift({ n: 1, a: 0, b: 0, c: 0 });
  const [l1, l2] = dims as [(typeof dims)[0], (typeof dims)[0]];
  return { b1: l1.n, b2: l2.n, sa1: l1.a, sa2: l2.a, sb1: l1.b, sb2: l2.b, sc1: l1.c, sc2: l2.c, sbias2: 0 };
}

function createMatMul(info: FastNodeInfo, epilogue?: Epilogue): FastKernel | undefined {
  if (!mayBeFloat(info, [0, 1]) || epilogue?.affine) return undefined;
  const packed = packConstantB(info, 1, false);
  if (epilogue?.bias && packed && epilogue.bias.length !== packed.N) return undefined;
  const bias = epilogue?.bias ? keepFloats(info, epilogue.bias) : 0;
  const biasLength = epilogue?.bias?.length ?? 0;
  const clamp = epilogue?.clamp;
  const gelu = epilogue?.gelu === true;
  return {
    run(ctx: FastRunContext): boolean {
      const a = floatInput(ctx, 0);
      const b = floatInput(ctx, 1);
      if (!a || !b || a.rank === 0 || b.rank === 0) return false;
      const A = a.rank === 1 ? [1, a.dims[0]!] : a.dims;
      const B = b.rank === 1 ? [b.dims[0]!, 1] : b.dims;
      const M = A[A.length - 2]!;
      const K = A[A.length - 1]!;
      const N = B[B.length - 1]!;
      if (B[B.length - 2] !== K) return false;
      if (bias && biasLength !== N) return false;
      const batchA = A.slice(0, -2);
      const batchB = B.slice(0, -2);
      const batch = broadcastShapes([batchA, batchB]);
      if (!batch) return false;
      const outDims = [...batch];
      if (a.rank > 1) outDims.push(M);
      if (b.rank > 1) outDims.push(N);
      const common = { bias, biasKind: bias ? (2 as const) : (0 as const), ...(clamp ? { clamp } : {}), gelu };
      if (sizeOfDims(batchB) === 1) {
        // One B for all of A: the batches of A stack into one tall matrix.
        const rows = sizeOfDims(batchA) * M;
        if (rows * N !== sizeOfDims(outDims)) return false;
        const usePacked = packed !== undefined && b === packed.tensor;
        const pa = ctx.ptr(0);
        const pb = usePacked ? packed.ptr : ctx.ptr(1);
        const c = ctx.output(0, outDims);
        runGemm(ctx.engine, { a: pa, lda: K, b: pb, ldb: N, bPacked: usePacked, c, ldc: N, M: rows, N, K, ...common }, ctx.threads);
        return true;
      }
      const levels = batchLevels(batchA, batchB, batch, M * K, K * N, M * N);
      if (!levels) return false;
      const pa = ctx.ptr(0);
      const pb = ctx.ptr(1);
      const c = ctx.output(0, outDims);
      runGemm(ctx.engine, { a: pa, lda: K, b: pb, ldb: N, c, ldc: N, M, N, K, batch: levels, ...common }, ctx.threads);
      return true;
    },
  };
}

export const fastMatMul: FastOp = { opType: 'MatMul', create: createMatMul, fuses: { clamp: true, bias: true, gelu: true } };
