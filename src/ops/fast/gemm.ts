/**
 * Gemm (opset 7+) on the packed wasm GEMM: Y = alpha·A'·B' + beta·C. A constant B is packed
 * once (transposed or not); alpha is applied while packing A; C becomes a row or column bias,
 * or prefills Y when it has Y's shape.
 */
import { runGemm } from '../../runtime/wasm/gemm-call.js';
import { runUnary, UnaryOp } from '../../runtime/wasm/params.js';
import type { Epilogue, FastKernel, FastNodeInfo, FastOp, FastRunContext } from './types.js';
import { packConstantB } from './matmul.js';
import { floatInput, mayBeFloat, scratchFloats } from './util.js';

function createGemm(info: FastNodeInfo, epilogue?: Epilogue): FastKernel | undefined {
  if (info.opset < 7 || !mayBeFloat(info, [0, 1, 2]) || epilogue?.affine || epilogue?.bias) return undefined;
  const transA = info.attr.int('transA') !== 0;
  const transB = info.attr.int('transB') !== 0;
  const alpha = info.attr.float('alpha');
  const beta = info.attr.float('beta');
  const packed = packConstantB(info, 1, transB);
  const clamp = epilogue?.clamp;
  const gelu = epilogue?.gelu === true;
  return {
    run(ctx: FastRunContext): boolean {
      const a = floatInput(ctx, 0);
      const b = floatInput(ctx, 1);
      const cIn = ctx.input(2);
      const c = cIn ? floatInput(ctx, 2) : undefined;
      if (!a || !b || a.rank !== 2 || b.rank !== 2 || (cIn && !c)) return false;
      const M = a.dims[transA ? 1 : 0]!;
      const K = a.dims[transA ? 0 : 1]!;
      const N = b.dims[transB ? 0 : 1]!;
      if (b.dims[transB ? 1 : 0] !== K) return false;
      // How C enters: none, a bias per column or per row, or the whole of Y.
      let biasKind: 0 | 1 | 2 = 0;
      let full = false;
      if (c && beta !== 0) {
        const cd = c.dims;
        const c0 = c.rank === 2 ? cd[0]! : 1;
        const c1 = c.rank >= 1 ? cd[c.rank - 1]! : 1;
        if (c.rank > 2 || (c0 !== 1 && c0 !== M) || (c1 !== 1 && c1 !== N)) return false;
        if (c0 === M && c1 === N && M * N !== 1 && M !== 1 && N !== 1) full = true;
        else if (c0 === M && M !== 1) biasKind = 1;
        else biasKind = 2;
      }
      const usePacked = packed !== undefined && b === packed.tensor;
      const pa = ctx.ptr(0);
      const pb = usePacked ? packed.ptr : ctx.ptr(1);
      let bias = 0;
      if (biasKind !== 0) {
        // One value per row (M) or column (N), scaled by beta; a single value is repeated.
        const n = biasKind === 1 ? M : N;
        const src = c!.data() as Float32Array;
        if (src.length === n && beta === 1) bias = ctx.ptr(2);
        else {
          const v = new Float32Array(n);
          for (let i = 0; i < n; i++) v[i] = beta * src[src.length === 1 ? 0 : i]!;
          bias = scratchFloats(ctx, v);
        }
      }
      const y = ctx.output(0, [M, N]);
      if (full) runUnary(ctx.engine, UnaryOp.AFFINE, ctx.ptr(2), y, M * N, ctx.threads, beta, 0);
      runGemm(
        ctx.engine,
        {
          a: pa,
          lda: a.dims[1]!,
          transA,
          b: pb,
          ldb: b.dims[1]!,
          transB,
          bPacked: usePacked,
          c: y,
          ldc: N,
          M,
          N,
          K,
          alpha,
          accumulate: full,
          bias,
          biasKind,
          ...(clamp ? { clamp } : {}),
          gelu,
        },
        ctx.threads,
      );
      return true;
    },
  };
}

export const fastGemm: FastOp = { opType: 'Gemm', create: createGemm, fuses: { clamp: true, gelu: true } };
