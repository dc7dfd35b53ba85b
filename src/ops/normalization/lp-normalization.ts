import { defineOp } from '../define.js';
import type { ValueType } from '../../ir/types.js';
import { normalizeAxis } from '../helpers/axes.js';
import { toFloat } from '../helpers/convert.js';
import { computeBuffer, fromCompute } from '../helpers/normalize.js';
import { splitAt } from '../helpers/softmax.js';
import type { InferContext, KernelContext } from '../types.js';

/** y = x / ||x||_p along `axis` (p = 1 or 2); a zero vector stays zero. */
function lpNormKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  const p = ctx.attr.int('p');
  if (p !== 1 && p !== 2) ctx.fail(`p must be 1 or 2, got ${p}`);
  if (x.rank === 0) ctx.fail('input must have rank >= 1');
  const [outer, len, inner] = splitAt(x.dims, normalizeAxis(ctx.attr.int('axis'), x.rank, (m) => ctx.fail(m)));
  const xs = toFloat(x);
  const out = computeBuffer(x.dtype, x.size);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * len * inner + i;
      let norm = 0;
      if (p === 1) for (let k = 0; k < len; k++) norm += Math.abs(xs[base + k * inner]!);
      else {
        for (let k = 0; k < len; k++) {
          const v = xs[base + k * inner]!;
          norm += v * v;
        }
        norm = Math.sqrt(norm);
      }
      const r = norm === 0 ? 0 : 1 / norm;
      for (let k = 0; k < len; k++) out[base + k * inner] = xs[base + k * inner]! * r;
    }
  }
  return [fromCompute(x.dtype, x.dims, out)];
}

function inferLpNorm(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const p = ctx.attr.int('p');
  if (p !== 1 && p !== 2) ctx.fail(`p must be 1 or 2, got ${p}`);
  if (x.rank !== undefined) {
    if (x.rank === 0) ctx.fail('input must have rank >= 1');
    normalizeAxis(ctx.attr.int('axis'), x.rank, (m) => ctx.fail(m));
  }
  return [x.type];
}

export default defineOp({
  opType: 'LpNormalization',
  category: 'normalization',
  infer: inferLpNorm,
  kernel: lpNormKernel,
  versions: [
    { since: 1, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=-1', p: 'int=2' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: 'input:T', outputs: 'output:T', attrs: { axis: 'int=-1', p: 'int=2' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
