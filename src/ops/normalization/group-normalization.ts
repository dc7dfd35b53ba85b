import { defineOp } from '../define.js';
import type { ValueType } from '../../ir/types.js';
import { toFloat } from '../helpers/convert.js';
import { dimConflicts } from '../helpers/dims.js';
import { computeBuffer, fromCompute } from '../helpers/normalize.js';
import type { InferContext, KernelContext, KernelFn } from '../types.js';
import { stashType } from './layer-normalization.js';

/**
 * Normalizes each group of C / num_groups channels of each sample over its channels and spatial
 * dims; scale and bias are per channel (`perChannel`, opset 21) or per group (opset 18).
 */
function groupNormKernel(perChannel: boolean): KernelFn {
  return function groupNorm(ctx: KernelContext) {
    const x = ctx.input(0);
    if (x.rank < 2) ctx.fail(`X must have rank >= 2 (N x C x ...), got rank ${x.rank}`);
    const n = x.dims[0]!;
    const c = x.dims[1]!;
    const groups = ctx.attr.int('num_groups');
    if (groups <= 0 || c % groups !== 0) ctx.fail(`num_groups ${groups} must divide the number of channels ${c}`);
    const stash = ctx.attr.optInt('stash_type');
    if (stash !== undefined) stashType(stash, (m) => ctx.fail(m));
    const want = perChannel ? c : groups;
    const scale = ctx.input(1);
    const bias = ctx.input(2);
    if (scale.size !== want || bias.size !== want) {
      ctx.fail(`scale and bias must have ${want} values (one per ${perChannel ? 'channel' : 'group'}), got ${scale.size} and ${bias.size}`);
    }
    const s = toFloat(scale);
    const b = toFloat(bias);
    const eps = ctx.attr.float('epsilon');
    const spatial = x.size / (n * c || 1);
    const cpg = c / groups;
    const len = cpg * spatial;
    const xs = toFloat(x);
    const out = computeBuffer(x.dtype, x.size);
    for (let r = 0; r < n * groups; r++) {
      const off = r * len;
      let sum = 0;
      for (let i = 0; i < len; i++) sum += xs[off + i]!;
      const mean = sum / len;
      let ss = 0;
      for (let i = 0; i < len; i++) {
        const d = xs[off + i]! - mean;
        ss += d * d;
      }
      const inv = 1 / Math.sqrt(ss / len + eps);
      const g = r % groups;
      for (let k = 0; k < cpg; k++) {
        const p = perChannel ? g * cpg + k : g;
        const sk = s[p]! * inv;
        const bk = b[p]!;
        const o = off + k * spatial;
        for (let i = 0; i < spatial; i++) out[o + i] = (xs[o + i]! - mean) * sk + bk;
      }
    }
    return [fromCompute(x.dtype, x.dims, out)];
  };
}

function inferGroupNorm(perChannel: boolean) {
  return function inferGroupNormalization(ctx: InferContext): (ValueType | undefined)[] {
    const x = ctx.input(0);
    const groups = ctx.attr.int('num_groups');
    const stash = ctx.attr.optInt('stash_type');
    if (stash !== undefined) stashType(stash, (m) => ctx.fail(m));
    if (x.shape) {
      if (x.shape.length < 2) ctx.fail(`X must have rank >= 2 (N x C x ...), got rank ${x.shape.length}`);
      const c = x.shape[1]!;
      if (typeof c === 'number' && (groups <= 0 || c % groups !== 0)) ctx.fail(`num_groups ${groups} must divide the number of channels ${c}`);
      const want = perChannel ? c : groups;
      for (const i of [1, 2]) {
        const p = ctx.input(i).shape;
        if (p && p.length === 1 && dimConflicts(p[0]!, want)) ctx.fail(`input ${i} has ${p[0]} values, expected ${want}`);
      }
    }
    return [x.type];
  };
}

/**
 * Opset 18 is marked deprecated (its scale and bias are per group, which was a mistake fixed by
 * opset 21) but remains a valid schema that models use; the spec's changelog prints no signature
 * for it, so it is written here from the operator's definition.
 */
export default defineOp({
  opType: 'GroupNormalization',
  category: 'normalization',
  infer: inferGroupNorm(true),
  kernel: groupNormKernel(true),
  flops: (ctx) => {
    const s = ctx.inputShape(0);
    return s ? 5 * s.reduce((a, b) => a * b, 1) : undefined;
  },
  versions: [
    { since: 18, deprecated: true, inputs: 'X:T, scale:T, bias:T', outputs: 'Y:T', attrs: { epsilon: 'float=1e-05', num_groups: 'int!' }, types: { T: 'float16 float double bfloat16' }, infer: inferGroupNorm(false), kernel: groupNormKernel(false) },
    { since: 21, inputs: 'X:T, scale:T, bias:T', outputs: 'Y:T', attrs: { epsilon: 'float=1e-05', num_groups: 'int!', stash_type: 'int=1' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
