/**
 * The negative log-likelihood reduction shared by NegativeLogLikelihoodLoss and
 * SoftmaxCrossEntropyLoss: loss[n, d] = -weight[t] * logp[n, t, d] with t = target[n, d]; entries
 * whose target is `ignore_index` count neither in the loss nor in the mean's weight sum.
 */
import type { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import type { InferContext, KernelContext } from '../types.js';
import { toFloat, toInts } from './convert.js';
import { dimConflicts } from './dims.js';
import { computeBuffer, fromCompute } from './normalize.js';

/** Checks `reduction` (none, sum or mean). */
export function lossReduction(r: string, fail: (m: string) => never): 'none' | 'sum' | 'mean' {
  if (r !== 'none' && r !== 'sum' && r !== 'mean') fail(`reduction must be none, sum or mean, got "${r}"`);
  return r;
}

/** The loss of log-probabilities `logp` (shape of `input`) against `target`, reduced as asked. */
export function nllLoss(ctx: KernelContext, input: Tensor, logp: ArrayLike<number>, target: Tensor, weight: Tensor | undefined): Tensor {
  const reduction = lossReduction(ctx.attr.string('reduction'), (m) => ctx.fail(m));
  if (input.rank < 2) ctx.fail(`input must have rank >= 2 (N x C x ...), got rank ${input.rank}`);
  const n = input.dims[0]!;
  const c = input.dims[1]!;
  const expect = [n, ...input.dims.slice(2)];
  if (target.rank !== expect.length || target.dims.some((d, i) => d !== expect[i])) {
    ctx.fail(`target has shape [${target.dims.join(',')}], expected [${expect.join(',')}]`);
  }
  if (weight && (weight.rank !== 1 || weight.size !== c)) ctx.fail(`weight must have shape [${c}], got [${weight.dims.join(',')}]`);
  const inner = target.size / (n || 1);
  const t = toInts(target);
  const w = weight ? toFloat(weight) : undefined;
  const ignore = ctx.attr.optInt('ignore_index');
  const loss = computeBuffer(input.dtype, target.size);
  let sum = 0;
  let wsum = 0;
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < inner; i++) {
      const k = b * inner + i;
      const cls = t[k]!;
      if (cls === ignore) continue;
      if (cls < 0 || cls >= c) ctx.fail(`target value ${cls} is out of range [0, ${c})`);
      const wk = w ? w[cls]! : 1;
      const v = -logp[(b * c + cls) * inner + i]! * wk;
      loss[k] = v;
      sum += v;
      wsum += wk;
    }
  }
  if (reduction === 'none') return fromCompute(input.dtype, target.dims, loss);
  const total = computeBuffer(input.dtype, 1);
  total[0] = reduction === 'sum' ? sum : sum / wsum;
  return fromCompute(input.dtype, [], total);
}

/** Inference of the loss output: the target's shape for reduction none, a scalar otherwise. */
export function inferLoss(ctx: InferContext): ValueType {
  const input = ctx.input(0);
  const target = ctx.input(1);
  const reduction = lossReduction(ctx.attr.string('reduction'), (m) => ctx.fail(m));
  if (input.shape) {
    if (input.shape.length < 2) ctx.fail(`input must have rank >= 2 (N x C x ...), got rank ${input.shape.length}`);
    const expect = [input.shape[0]!, ...input.shape.slice(2)];
    if (target.shape) {
      if (target.shape.length !== expect.length) ctx.fail(`target has rank ${target.shape.length}, expected ${expect.length}`);
      target.shape.forEach((d, i) => {
        if (dimConflicts(d, expect[i]!)) ctx.fail(`target dim ${i} is ${d}, expected ${expect[i]}`);
      });
    }
    const w = ctx.has(2) ? ctx.input(2).shape : undefined;
    if (w && (w.length !== 1 || dimConflicts(w[0]!, input.shape[1]!))) ctx.fail(`weight must have shape [${input.shape[1]}], got [${w.join(',')}]`);
  }
  if (reduction !== 'none') return tensorType(input.elemType, []);
  return tensorType(input.elemType, target.shape ?? (input.shape ? [input.shape[0]!, ...input.shape.slice(2)] : undefined));
}
