import { defineOp } from '../define.js';
import { allocData, dtypeInfo } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { knownDims } from '../helpers/const-input.js';
import { scalarOf, sizeOf, toFloat64 } from '../helpers/convert.js';
import { fillElement, setElement } from '../helpers/layout.js';
import type { InferContext, KernelContext } from '../types.js';

/** The position of the new axis in an output of rank `rank`. */
function oneHotAxis(axis: number, rank: number, fail: (m: string) => never): number {
  if (axis < -rank || axis >= rank) fail(`axis ${axis} is out of range for an output of rank ${rank}`);
  return axis < 0 ? axis + rank : axis;
}

/** indices with a new axis of size `depth`: values[1] where the index points, values[0] elsewhere. */
function inferOneHot(ctx: InferContext): (ValueType | undefined)[] {
  const idx = ctx.input(0);
  const values = ctx.input(2);
  const depth = knownDims(ctx, 1);
  if (!idx.shape) return [tensorType(values.elemType)];
  const rank = idx.shape.length + 1;
  const axis = oneHotAxis(ctx.attr.int('axis'), rank, (m) => ctx.fail(m));
  let d: Dim = depth?.length === 1 ? depth[0]! : null;
  const dv = ctx.input(1).value;
  if (d === null && dv && dv.size === 1) d = Math.trunc(scalarOf(dv));
  if (typeof d === 'number' && d < 1) ctx.fail(`depth must be positive, got ${d}`);
  const dims: Dim[] = [...idx.shape];
  dims.splice(axis, 0, d);
  return [tensorType(values.elemType, dims)];
}

function oneHotKernel(ctx: KernelContext) {
  const indices = ctx.input(0);
  const depthT = ctx.input(1);
  const values = ctx.input(2);
  if (depthT.size !== 1) ctx.fail(`depth must hold one value, got shape [${depthT.dims.join(',')}]`);
  const depth = Math.trunc(scalarOf(depthT));
  if (depth < 1) ctx.fail(`depth must be positive, got ${depth}`);
  if (values.size !== 2) ctx.fail(`values must hold [off, on], got shape [${values.dims.join(',')}]`);
  const axis = oneHotAxis(ctx.attr.int('axis'), indices.rank + 1, (m) => ctx.fail(m));
  const outDims = [...indices.dims];
  outDims.splice(axis, 0, depth);
  const outer = sizeOf(indices.dims.slice(0, axis));
  const inner = sizeOf(indices.dims.slice(axis));
  const lanes = dtypeInfo(values.dtype).lanes;
  const vals = values.data();
  const n = sizeOf(outDims);
  const out = allocData(values.dtype, n);
  fillElement(out, vals, 0, lanes);
  const idx = toFloat64(indices);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let v = Math.trunc(idx[o * inner + i]!);
      if (v < 0) v += depth;
      if (v >= 0 && v < depth) setElement(out, (o * depth + v) * inner + i, vals, 1, lanes);
    }
  }
  return [Tensor.fromData(values.dtype, outDims, out)];
}

export default defineOp({
  opType: 'OneHot',
  category: 'tensor',
  infer: inferOneHot,
  kernel: oneHotKernel,
  flops: () => 0,
  versions: [
    { since: 9, inputs: 'indices:T1, depth:T2, values:T3', outputs: 'output:T3', attrs: { axis: 'int=-1' }, types: { T1: '$numeric', T2: '$numeric', T3: '$all_v1' } },
    { since: 11, inputs: 'indices:T1, depth:T2, values:T3', outputs: 'output:T3', attrs: { axis: 'int=-1' }, types: { T1: '$numeric', T2: '$numeric', T3: '$all_v1' } },
  ],
});
