import { defineOp } from '../define.js';
import type { ValueType } from '../../ir/types.js';
import { normalizeAxes } from '../helpers/axes.js';
import { broadcastIndex } from '../helpers/broadcast.js';
import { toFloat } from '../helpers/convert.js';
import { computeBuffer, fromCompute } from '../helpers/normalize.js';
import type { InferContext, KernelContext } from '../types.js';

/** The epsilon ONNX's function body adds to the standard deviation. */
const EPSILON = 1e-9;

/** y = (x - mean) / (sqrt(variance) + 1e-9), mean and (population) variance over `axes`. */
function mvnKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  const axes = normalizeAxes(ctx.attr.ints('axes'), x.rank, (m) => ctx.fail(m));
  const kept = x.dims.map((d, i) => (axes.includes(i) ? 1 : d));
  const groups = kept.reduce((a, b) => a * b, 1);
  const count = groups === 0 ? 0 : x.size / groups;
  const group = broadcastIndex([kept], x.dims)[0]!;
  const xs = toFloat(x);
  const n = x.size;
  const mean = new Float64Array(groups);
  for (let i = 0; i < n; i++) mean[group[i]!] += xs[i]!;
  for (let g = 0; g < groups; g++) mean[g] = mean[g]! / count;
  const scale = new Float64Array(groups);
  for (let i = 0; i < n; i++) {
    const d = xs[i]! - mean[group[i]!]!;
    scale[group[i]!] += d * d;
  }
  for (let g = 0; g < groups; g++) scale[g] = 1 / (Math.sqrt(scale[g]! / count) + EPSILON);
  const out = computeBuffer(x.dtype, n);
  for (let i = 0; i < n; i++) {
    const g = group[i]!;
    out[i] = (xs[i]! - mean[g]!) * scale[g]!;
  }
  return [fromCompute(x.dtype, x.dims, out)];
}

function inferMvn(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  if (x.rank !== undefined) normalizeAxes(ctx.attr.ints('axes'), x.rank, (m) => ctx.fail(m));
  return [x.type];
}

export default defineOp({
  opType: 'MeanVarianceNormalization',
  category: 'normalization',
  infer: inferMvn,
  kernel: mvnKernel,
  versions: [
    { since: 9, inputs: 'X:T', outputs: 'Y:T', attrs: { axes: 'ints=[0, 2, 3]' }, types: { T: 'float16 float double' } },
    { since: 13, inputs: 'X:T', outputs: 'Y:T', attrs: { axes: 'ints=[0, 2, 3]' }, types: { T: 'float16 float double bfloat16' } },
  ],
});
