import { defineOp } from '../define.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { normalizeAxes } from '../helpers/axes.js';
import { knownInts } from '../helpers/const-input.js';
import { toInts } from '../helpers/convert.js';
import { reshaped } from '../helpers/layout.js';
import type { InferContext, KernelContext } from '../types.js';

/** The dims left after removing `axes` (all 1-dims when axes is undefined); undefined if unknowable. */
function squeezeDims(shape: readonly Dim[], axes: readonly number[] | undefined, fail: (m: string) => never): Dim[] | undefined {
  if (axes === undefined) {
    // Without axes, a symbolic dim might be 1 or not: the output rank is unknown.
    if (shape.some((d) => typeof d !== 'number')) return undefined;
    return shape.filter((d) => d !== 1);
  }
  const drop = normalizeAxes(axes, shape.length, fail);
  for (const a of drop) {
    const d = shape[a];
    if (typeof d === 'number' && d !== 1) fail(`cannot squeeze axis ${a} of size ${d}`);
  }
  return shape.filter((_, i) => !drop.includes(i));
}

/** Removes dims of size 1 (those in `axes`, or all of them); axes from the attribute (< 13) or input 1. */
function squeezeInfer(axesInput: boolean) {
  return function inferSqueeze(ctx: InferContext): (ValueType | undefined)[] {
    const x = ctx.input(0);
    let axes: number[] | undefined;
    if (!axesInput) axes = ctx.attr.optInts('axes');
    else if (ctx.has(1)) {
      axes = knownInts(ctx, 1);
      if (!axes) return [tensorType(x.elemType)];
    }
    if (x.symbolic) ctx.setSymbolic(0, x.symbolic);
    if (!x.shape) return [tensorType(x.elemType)];
    return [tensorType(x.elemType, squeezeDims(x.shape, axes, (m) => ctx.fail(m)))];
  };
}

function squeezeKernel(axesInput: boolean) {
  return function squeeze(ctx: KernelContext) {
    const x = ctx.input(0);
    const axesT = axesInput ? ctx.optionalInput(1) : undefined;
    const axes = axesInput ? (axesT ? toInts(axesT) : undefined) : ctx.attr.optInts('axes');
    return [reshaped(x, squeezeDims(x.dims, axes, (m) => ctx.fail(m)) as number[])];
  };
}

const attrVersion = { infer: squeezeInfer(false), kernel: squeezeKernel(false) };

export default defineOp({
  opType: 'Squeeze',
  category: 'shape',
  infer: squeezeInfer(true),
  kernel: squeezeKernel(true),
  flops: () => 0,
  versions: [
    { since: 1, inputs: 'data:T', outputs: 'squeezed:T', attrs: { axes: 'ints' }, types: { T: '$all_v1' }, ...attrVersion },
    { since: 11, inputs: 'data:T', outputs: 'squeezed:T', attrs: { axes: 'ints' }, types: { T: '$all_v1' }, ...attrVersion },
    { since: 13, inputs: 'data:T, axes?:tensor(int64)', outputs: 'squeezed:T', types: { T: '$all_v13' } },
    { since: 21, inputs: 'data:T, axes?:tensor(int64)', outputs: 'squeezed:T', types: { T: '$all_v21' } },
    { since: 23, inputs: 'data:T, axes?:tensor(int64)', outputs: 'squeezed:T', types: { T: '$all_v23' } },
    { since: 24, inputs: 'data:T, axes?:tensor(int64)', outputs: 'squeezed:T', types: { T: '$all_v24' } },
    { since: 25, inputs: 'data:T, axes?:tensor(int64)', outputs: 'squeezed:T', types: { T: '$all_v25' } },
  ],
});
