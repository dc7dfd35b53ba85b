import { defineOp } from '../define.js';
import { DataType, allocData, dtypeInfo } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { normalizeAxis } from '../helpers/axes.js';
import { sizeOf } from '../helpers/convert.js';
import { dimAdd, dimConflicts, dimMerge } from '../helpers/dims.js';
import { copyWords, wordView } from '../helpers/layout.js';
import type { InferContext, InferInput, KernelContext } from '../types.js';

/** Elements of a 0-d or 1-d input when it holds dims (a Reshape target in the making); undefined when unknown. */
function elementCount(x: InferInput): number | undefined {
  if (x.symbolic) return x.symbolic.length;
  if (x.rank === 0) return 1;
  return x.rank === 1 && typeof x.shape![0] === 'number' ? x.shape![0] : undefined;
}

/**
 * Joins the inputs along `axis`; the other dims must agree. Concatenates symbolic elements too.
 * (Plain loops: this runs for every Concat of a model, and shape chains hold thousands.)
 */
function inferConcat(ctx: InferContext): (ValueType | undefined)[] {
  const n = ctx.inputCount;
  let elemType = DataType.UNDEFINED;
  let anySymbolic = false;
  let allVectors = true;
  let symbolicLength = 0;
  let first: InferInput | undefined;
  let rankedCount = 0;
  for (let i = 0; i < n; i++) {
    const x = ctx.input(i);
    if (!elemType) elemType = x.elemType;
    if (x.symbolic) anySymbolic = true;
    const len = (x.rank ?? 1) <= 1 ? elementCount(x) : undefined;
    if (len === undefined) allVectors = false;
    else symbolicLength += len;
    if (x.shape) {
      rankedCount++;
      first ??= x;
    }
  }
  if (anySymbolic && allVectors) {
    const elements = new Array<Dim>(symbolicLength);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const x = ctx.input(i);
      if (x.symbolic) for (let j = 0; j < x.symbolic.length; j++) elements[k++] = x.symbolic[j]!;
      else for (let j = elementCount(x)!; j > 0; j--) elements[k++] = null;
    }
    ctx.setSymbolic(0, elements);
  }
  if (!first) return [tensorType(elemType)];
  const rank = first.shape!.length;
  for (let i = 0; i < n; i++) {
    const shape = ctx.input(i).shape;
    if (shape && shape.length !== rank) ctx.fail(`inputs have ranks ${rank} and ${shape.length}`);
  }
  if (rank === 0) ctx.fail('cannot concatenate scalars');
  const axis = normalizeAxis(ctx.attr.optInt('axis') ?? 1, rank, (m) => ctx.fail(m));
  const out: Dim[] = first.shape!.slice();
  const allRanked = rankedCount === n;
  let sum: Dim | undefined;
  for (let i = 0; i < n; i++) {
    const shape = ctx.input(i).shape;
    if (!shape) continue;
    if (allRanked) sum = sum === undefined ? shape[axis]! : dimAdd(sum, shape[axis]!);
    if (shape === first.shape) continue;
    for (let d = 0; d < rank; d++) {
      if (d === axis) continue;
      const v = shape[d]!;
      if (dimConflicts(out[d]!, v)) ctx.fail(`inputs differ in dim ${d} (${out[d]} vs ${v})`);
      out[d] = dimMerge(out[d]!, v);
    }
  }
  out[axis] = allRanked ? sum! : null;
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
