import { defineOp } from '../define.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { tensorFromFloats, toFloat32 } from '../helpers/convert.js';
import { dimAdd, dimConflicts } from '../helpers/dims.js';
import type { FlopsContext, InferContext, KernelContext } from '../types.js';

function activationOf(ctx: { attr: { string(n: string): string }; fail(m: string): never }): boolean {
  const a = ctx.attr.string('activation');
  if (a !== 'none' && a !== 'silu' && a !== 'swish') ctx.fail(`activation must be none, silu or swish, got "${a}"`);
  return a !== 'none';
}

/**
 * Causal depthwise 1-D convolution over [batch, channels, length] that carries the last k - 1
 * positions as state: output[t] = sum_j w[j] * padded[t + j] (+ bias), padded = past ++ input.
 */
function inferCausalConvWithState(ctx: InferContext): (ValueType | undefined)[] {
  activationOf(ctx);
  const x = ctx.input(0);
  const w = ctx.input(1);
  if (x.shape && x.shape.length !== 3) ctx.fail(`input must be 3-D (batch, channels, length), got rank ${x.shape.length}`);
  if (w.shape && w.shape.length !== 3) ctx.fail(`weight must be 3-D (channels, 1, k), got rank ${w.shape.length}`);
  if (w.shape && dimConflicts(w.shape[1]!, 1)) ctx.fail(`weight dim 1 must be 1 (depthwise), got ${w.shape[1]}`);
  const c: Dim = x.shape?.[1] ?? w.shape?.[0] ?? null;
  if (x.shape && w.shape && dimConflicts(x.shape[1]!, w.shape[0]!)) ctx.fail(`input has ${x.shape[1]} channels but weight has ${w.shape[0]}`);
  const km1: Dim = w.shape ? dimAdd(w.shape[2]!, -1) : null;
  if (ctx.has(2)) {
    const b = ctx.input(2).shape;
    if (b && (b.length !== 1 || dimConflicts(b[0]!, c))) ctx.fail(`bias must be [channels], got [${b.join(',')}]`);
  }
  if (ctx.has(3)) {
    const p = ctx.input(3).shape;
    if (p && (p.length !== 3 || dimConflicts(p[1]!, c) || dimConflicts(p[2]!, km1) || (x.shape && dimConflicts(p[0]!, x.shape[0]!)))) {
      ctx.fail(`past_state must be [batch, channels, k - 1], got [${p.join(',')}]`);
    }
  }
  const batch: Dim = x.shape?.[0] ?? null;
  return [x.type ?? tensorType(x.elemType), tensorType(x.elemType, [batch, c, km1])];
}

function causalConvWithStateKernel(ctx: KernelContext) {
  const silu = activationOf(ctx);
  const X = ctx.input(0);
  const W = ctx.input(1);
  const Bt = ctx.optionalInput(2);
  const S = ctx.optionalInput(3);
  if (X.rank !== 3) ctx.fail(`input must be 3-D (batch, channels, length), got [${X.dims.join(',')}]`);
  const [B, C, L] = X.dims as [number, number, number];
  if (W.rank !== 3 || W.dims[0] !== C || W.dims[1] !== 1) ctx.fail(`weight must be [${C}, 1, k], got [${W.dims.join(',')}]`);
  const k = W.dims[2]!;
  if (k < 1) ctx.fail('the kernel size must be >= 1');
  const km1 = k - 1;
  if (Bt && Bt.size !== C) ctx.fail(`bias must have ${C} values, got [${Bt.dims.join(',')}]`);
  if (S && S.dims.join(',') !== [B, C, km1].join(',')) ctx.fail(`past_state must be [${B}, ${C}, ${km1}], got [${S.dims.join(',')}]`);
  const x = toFloat32(X);
  const w = toFloat32(W);
  const bias = Bt ? toFloat32(Bt) : undefined;
  const past = S ? toFloat32(S) : undefined;
  const T = km1 + L;
  const padded = new Float32Array(T);
  const y = new Float32Array(B * C * L);
  const state = new Float32Array(B * C * km1);
  for (let b = 0; b < B; b++) {
    for (let c = 0; c < C; c++) {
      const bc = b * C + c;
      if (past) padded.set(past.subarray(bc * km1, bc * km1 + km1), 0);
      else padded.fill(0, 0, km1);
      padded.set(x.subarray(bc * L, bc * L + L), km1);
      const wo = c * k;
      const bv = bias ? bias[c]! : 0;
      for (let t = 0; t < L; t++) {
        let s = bv;
        for (let j = 0; j < k; j++) s += w[wo + j]! * padded[t + j]!;
        y[bc * L + t] = silu ? s / (1 + Math.exp(-s)) : s;
      }
      state.set(padded.subarray(L, T), bc * km1);
    }
  }
  return [tensorFromFloats(X.dtype, X.dims, y), tensorFromFloats(X.dtype, [B, C, km1], state)];
}

/** FLOPs: 2 * prod(output) * k (a multiply-add per tap), plus prod(output) for a bias. */
function causalConvFlops(ctx: FlopsContext): number | undefined {
  const y = ctx.outputShape(0);
  const w = ctx.inputShape(1);
  if (!y || !w || w.length !== 3) return undefined;
  const n = y.reduce((a, b) => a * b, 1);
  return 2 * n * w[2]! + (ctx.node.inputs[2] ? n : 0);
}

export default defineOp({
  opType: 'CausalConvWithState',
  category: 'nn',
  infer: inferCausalConvWithState,
  kernel: causalConvWithStateKernel,
  flops: causalConvFlops,
  versions: [
    { since: 27, inputs: 'input:T, weight:T, bias?:T, past_state?:T', outputs: 'output:T, present_state:T', attrs: { activation: 'string=none' }, types: { T: 'float float16 bfloat16' } },
  ],
});
