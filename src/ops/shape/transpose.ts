import { defineOp } from '../define.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { transposeTensor } from '../helpers/layout.js';
import type { InferContext, KernelContext } from '../types.js';

/** The permutation: `perm`, or the reversed axes; it must list every axis once. */
function permOf(perm: readonly number[] | undefined, rank: number, fail: (m: string) => never): number[] {
  if (!perm) return Array.from({ length: rank }, (_, i) => rank - 1 - i);
  const seen = new Set<number>();
  const out = perm.map((p) => {
    if (p < -rank || p >= rank) fail(`perm [${perm.join(',')}] has axis ${p}, out of range for rank ${rank}`);
    const a = p < 0 ? p + rank : p;
    seen.add(a);
    return a;
  });
  if (out.length !== rank || seen.size !== rank) fail(`perm [${perm.join(',')}] is not a permutation of ${rank} axes`);
  return out;
}

/** Permutes the dims: output dim i is input dim perm[i]. */
function inferTranspose(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const perm = ctx.attr.optInts('perm');
  if (!x.shape) return [tensorType(x.elemType, perm ? perm.map(() => null) : undefined)];
  const p = permOf(perm, x.shape.length, (m) => ctx.fail(m));
  return [tensorType(x.elemType, p.map((a) => x.shape![a]!))];
}

function transposeKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  return [transposeTensor(x, permOf(ctx.attr.optInts('perm'), x.rank, (m) => ctx.fail(m)))];
}

export default defineOp({
  opType: 'Transpose',
  category: 'shape',
  infer: inferTranspose,
  kernel: transposeKernel,
  flops: () => 0,
  versions: [
    { since: 1, inputs: 'data:T', outputs: 'transposed:T', attrs: { perm: 'ints' }, types: { T: '$all_v1' } },
    { since: 13, inputs: 'data:T', outputs: 'transposed:T', attrs: { perm: 'ints' }, types: { T: '$all_v13' } },
    { since: 21, inputs: 'data:T', outputs: 'transposed:T', attrs: { perm: 'ints' }, types: { T: '$all_v21' } },
    { since: 23, inputs: 'data:T', outputs: 'transposed:T', attrs: { perm: 'ints' }, types: { T: '$all_v23' } },
    { since: 24, inputs: 'data:T', outputs: 'transposed:T', attrs: { perm: 'ints' }, types: { T: '$all_v24' } },
    { since: 25, inputs: 'data:T', outputs: 'transposed:T', attrs: { perm: 'ints' }, types: { T: '$all_v25' } },
  ],
});
