import { defineOp } from '../define.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { normalizeAxes } from '../helpers/axes.js';
import { stridesOf } from '../helpers/broadcast.js';
import { knownDims, staticLength } from '../helpers/const-input.js';
import { toInts } from '../helpers/convert.js';
import { FILL, gatherByTables } from '../helpers/layout.js';
import type { InferContext, KernelContext } from '../types.js';

/** The axes `shape` refers to: `axes`, or all of them. */
function cropAxes(axes: readonly number[] | undefined, rank: number, count: number, fail: (m: string) => never): number[] {
  const ax = axes ? normalizeAxes(axes, rank, fail) : Array.from({ length: rank }, (_, i) => i);
  if (ax.length !== count) fail(`shape has ${count} values for ${ax.length} axes`);
  return ax;
}

/** Each listed axis becomes its target size, centred: cropped (start rounded down) or zero-padded (extra on the right). */
function inferCenterCropPad(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const axes = ctx.attr.optInts('axes');
  const target = knownDims(ctx, 1);
  if (!x.shape) return [tensorType(x.elemType)];
  if (!target) {
    const n = staticLength(ctx, 1);
    if (n === undefined) return [tensorType(x.elemType, x.shape.map(() => null))];
    const ax = new Set(cropAxes(axes, x.shape.length, n, (m) => ctx.fail(m)));
    return [tensorType(x.elemType, x.shape.map((d, i) => (ax.has(i) ? null : d)))];
  }
  const ax = cropAxes(axes, x.shape.length, target.length, (m) => ctx.fail(m));
  const out: Dim[] = [...x.shape];
  ax.forEach((a, i) => (out[a] = target[i]!));
  return [tensorType(x.elemType, out)];
}

function centerCropPadKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  const target = toInts(ctx.input(1));
  const ax = cropAxes(ctx.attr.optInts('axes'), x.rank, target.length, (m) => ctx.fail(m));
  if (target.some((v) => v < 0)) ctx.fail(`shape [${target.join(',')}] has a negative size`);
  const outDims = [...x.dims];
  ax.forEach((a, i) => (outDims[a] = target[i]!));
  const strides = stridesOf(x.dims);
  const tables = outDims.map((len, a) => {
    const n = x.dims[a]!;
    // Output position o reads input o + shift: shift > 0 crops, shift < 0 pads.
    const shift = len <= n ? Math.floor((n - len) / 2) : -Math.floor((len - n) / 2);
    const t = new Float64Array(len);
    for (let o = 0; o < len; o++) {
      const src = o + shift;
      t[o] = src >= 0 && src < n ? src * strides[a]! : FILL;
    }
    return t;
  });
  return [gatherByTables(x, outDims, tables)];
}

export default defineOp({
  opType: 'CenterCropPad',
  category: 'shape',
  infer: inferCenterCropPad,
  kernel: centerCropPadKernel,
  flops: () => 0,
  versions: [
    { since: 18, inputs: 'input_data:T, shape:Tind', outputs: 'output_data:T', attrs: { axes: 'ints' }, types: { T: '$all_v13', Tind: 'int32 int64' } },
  ],
});
