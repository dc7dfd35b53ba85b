import { defineOp } from '../define.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { normalizeAxes } from '../helpers/axes.js';
import { knownInts, staticLength, unknownDims } from '../helpers/const-input.js';
import { toInts } from '../helpers/convert.js';
import { reshaped } from '../helpers/layout.js';
import type { InferContext, KernelContext } from '../types.js';

/** The dims with a 1 inserted at each of `axes` (axes refer to the output). */
function unsqueezeDims(shape: readonly Dim[], axes: readonly number[], fail: (m: string) => never): Dim[] {
  const rank = shape.length + axes.length;
  const at = new Set(normalizeAxes(axes, rank, fail));
  const out: Dim[] = [];
  let k = 0;
  for (let i = 0; i < rank; i++) out.push(at.has(i) ? 1 : shape[k++]!);
  return out;
}

/** Inserts dims of size 1 at `axes`, from the attribute (< 13) or input 1. */
function unsqueezeInfer(axesInput: boolean) {
  return function inferUnsqueeze(ctx: InferContext): (ValueType | undefined)[] {
    const x = ctx.input(0);
    const axes = axesInput ? knownInts(ctx, 1) : ctx.attr.ints('axes');
    if (x.symbolic) ctx.setSymbolic(0, x.symbolic);
    if (!x.shape) return [tensorType(x.elemType)];
    if (!axes) {
      const n = staticLength(ctx, 1);
      return [tensorType(x.elemType, n === undefined ? undefined : unknownDims(x.shape.length + n))];
    }
    return [tensorType(x.elemType, unsqueezeDims(x.shape, axes, (m) => ctx.fail(m)))];
  };
}

function unsqueezeKernel(axesInput: boolean) {
  return function unsqueeze(ctx: KernelContext) {
    const x = ctx.input(0);
    const axes = axesInput ? toInts(ctx.input(1)) : ctx.attr.ints('axes');
    return [reshaped(x, unsqueezeDims(x.dims, axes, (m) => ctx.fail(m)) as number[])];
  };
}

const attrVersion = { infer: unsqueezeInfer(false), kernel: unsqueezeKernel(false) };

export default defineOp({
  opType: 'Unsqueeze',
  category: 'shape',
  infer: unsqueezeInfer(true),
  kernel: unsqueezeKernel(true),
  flops: () => 0,
  versions: [
    { since: 1, inputs: 'data:T', outputs: 'expanded:T', attrs: { axes: 'ints!' }, types: { T: '$all_v1' }, ...attrVersion },
    { since: 11, inputs: 'data:T', outputs: 'expanded:T', attrs: { axes: 'ints!' }, types: { T: '$all_v1' }, ...attrVersion },
    { since: 13, inputs: 'data:T, axes:tensor(int64)', outputs: 'expanded:T', types: { T: '$all_v13' } },
    { since: 21, inputs: 'data:T, axes:tensor(int64)', outputs: 'expanded:T', types: { T: '$all_v21' } },
    { since: 23, inputs: 'data:T, axes:tensor(int64)', outputs: 'expanded:T', types: { T: '$all_v23' } },
    { since: 24, inputs: 'data:T, axes:tensor(int64)', outputs: 'expanded:T', types: { T: '$all_v24' } },
    { since: 25, inputs: 'data:T, axes:tensor(int64)', outputs: 'expanded:T', types: { T: '$all_v25' } },
  ],
});
