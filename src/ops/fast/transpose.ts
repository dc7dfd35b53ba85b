/** Transpose of float32 tensors on the wasm kernel (other types: the reference). */
import { planTranspose, runTranspose } from '../../runtime/wasm/nn-calls.js';
import type { FastKernel, FastNodeInfo, FastOp, FastRunContext } from './types.js';
import { floatInput, mayBeFloat } from './util.js';

function createTranspose(info: FastNodeInfo): FastKernel | undefined {
  if (!mayBeFloat(info, [0])) return undefined;
  const perm = info.attr.optInts('perm');
  return {
    run(ctx: FastRunContext): boolean {
      const x = floatInput(ctx, 0);
      if (!x) return false;
      const r = x.rank;
      const p = perm ?? Array.from({ length: r }, (_, i) => r - 1 - i);
      if (p.length !== r || new Set(p.map((a) => (a < 0 ? a + r : a))).size !== r || p.some((a) => a < -r || a >= r)) return false;
      const axes = p.map((a) => (a < 0 ? a + r : a));
      const inStrides = new Array<number>(r);
      for (let d = r - 1, s = 1; d >= 0; d--) {
        inStrides[d] = s;
        s *= x.dims[d]!;
      }
      const dims = axes.map((a) => x.dims[a]!);
      const plan = planTranspose(dims, axes.map((a) => inStrides[a]!));
      if (!plan) return false;
      const px = ctx.ptr(0);
      const y = ctx.output(0, dims);
      runTranspose(ctx.engine, px, y, plan, ctx.threads);
      return true;
    },
  };
}

export const fastTranspose: FastOp = { opType: 'Transpose', create: createTranspose };
