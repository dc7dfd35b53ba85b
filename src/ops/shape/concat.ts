import { defineOp } from '../define.js';
import { allocData, dtypeInfo } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { normalizeAxis } from '../helpers/axes.js';
import { sizeOf } from '../helpers/convert.js';
import { dimAdd, dimConflicts, dimMerge } from '../helpers/dims.js';
import { copyWords, wordView } from '../helpers/layout.js';
import type { InferContext, KernelContext } from '../types.js';

/** Joins the inputs along `axis`; the other dims must agree. Concatenates symbolic elements too. */
function inferConcat(ctx: InferContext): (ValueType | undefined)[] {
  const inputs = Array.from({ length: ctx.inputCount }, (_, i) => ctx.input(i));
  const elemType = inputs.find((x) => x.elemType)?.elemType ?? inputs[0]!.elemType;
  const ranked = inputs.filter((x) => x.shape);
  // Vectors of dims (a Reshape target): known elements, and unknown ones where an input is not known.
  const lengthOf = (x: (typeof inputs)[number]): number | undefined =>
    x.symbolic ? x.symbolic.length : x.rank === 0 ? 1 : x.rank === 1 && typeof x.shape![0] === 'number' ? x.shape![0] : undefined;
  if (inputs.some((x) => x.symbolic) && inputs.every((x) => (x.rank ?? 1) <= 1 && lengthOf(x) !== undefined)) {
    ctx.setSymbolic(0, inputs.flatMap((x): Dim[] => (x.symbolic ? [...x.symbolic] : new Array<Dim>(lengthOf(x)!).fill(null))));
  }
  if (ranked.length === 0) return [tensorType(elemType)];
  const rank = ranked[0]!.shape!.length;
  for (const x of ranked) if (x.shape!.length !== rank) ctx.fail(`inputs have ranks ${rank} and ${x.shape!.length}`);
  if (rank === 0) ctx.fail('cannot concatenate scalars');
  const axis = normalizeAxis(ctx.attr.optInt('axis') ?? 1, rank, (m) => ctx.fail(m));
  const out: Dim[] = [...ranked[0]!.shape!];
  for (let d = 0; d < rank; d++) {
    if (d === axis) {
      out[d] = ranked.length === inputs.length ? ranked.map((x): Dim => x.shape![d]!).reduce((a, b) => dimAdd(a, b)) : null;
      continue;
    }
    for (const x of ranked.slice(1)) {
      const v = x.shape![d]!;
      if (dimConflicts(out[d]!, v)) ctx.fail(`inputs differ in dim ${d} (${out[d]} vs ${v})`);
      out[d] = dimMerge(out[d]!, v);
    }
  }
  return [tensorType(elemType, out)];
}

function concatKernel(ctx: KernelContext) {
  const xs = ctx.inputs.map((_, i) => ctx.input(i));
  const first = xs[0]!;
  const rank = first.rank;
  if (rank === 0) ctx.fail('cannot concatenate scalars');
  const axis = normalizeAxis(ctx.attr.optInt('axis') ?? 1, rank, (m) => ctx.fail(m));
  const dims = [...first.dims];
  dims[axis] = 0;
  for (const x of xs) {
    if (x.rank !== rank || x.dtype !== first.dtype || x.dims.some((d, i) => i !== axis && d !== first.dims[i])) {
      ctx.fail(`inputs [${first.dims.join(',')}] and [${x.dims.join(',')}] cannot be joined on axis ${axis}`);
    }
    dims[axis] += x.dims[axis]!;
  }
  const lanes = dtypeInfo(first.dtype).lanes;
  const out = allocData(first.dtype, sizeOf(dims));
  const outer = sizeOf(dims.slice(0, axis));
  const inner = sizeOf(dims.slice(axis + 1));
  const row = dims[axis]! * inner;
  let col = 0;
  const dv = wordView(out, lanes);
  for (const x of xs) {
    const chunk = x.dims[axis]! * inner;
    if (chunk === 0) continue;
    const sv = wordView(x.data(), lanes);
    for (let o = 0; o < outer; o++) copyWords(sv, o * chunk, dv, o * row + col, chunk);
    col += chunk;
  }
  return [Tensor.fromData(first.dtype, dims, out)];
}

export default defineOp({
  opType: 'Concat',
  category: 'shape',
  infer: inferConcat,
  kernel: concatKernel,
  flops: () => 0,
  versions: [
    { since: 1, inputs: 'inputs...:T', outputs: 'concat_result:T', attrs: { axis: 'int' }, types: { T: 'float16 float double' } },
    { since: 4, inputs: 'inputs...:T', outputs: 'concat_result:T', attrs: { axis: 'int!' }, types: { T: '$all_v1' } },
    { since: 11, inputs: 'inputs...:T', outputs: 'concat_result:T', attrs: { axis: 'int!' }, types: { T: '$all_v1' } },
    { since: 13, inputs: 'inputs...:T', outputs: 'concat_result:T', attrs: { axis: 'int!' }, types: { T: '$all_v13' } },
  ],
});
