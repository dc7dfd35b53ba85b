import { defineOp } from '../define.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { normalizeAxis } from '../helpers/axes.js';
import { stridesOf } from '../helpers/broadcast.js';
import { axisTable, gatherByTables, reshaped } from '../helpers/layout.js';
import type { InferContext, KernelContext } from '../types.js';

/** The slices (along `axis`, or elements of the flattened input) whose condition is true. */
function inferCompress(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const cond = ctx.input(1).value;
  const kept: Dim = cond ? (cond.data() as Uint8Array).reduce((a, b) => a + (b ? 1 : 0), 0) : null;
  const axis = ctx.attr.optInt('axis');
  if (axis === undefined) return [tensorType(x.elemType, [kept])];
  if (!x.shape) return [tensorType(x.elemType)];
  const a = normalizeAxis(axis, x.shape.length, (m) => ctx.fail(m));
  return [tensorType(x.elemType, x.shape.map((d, i) => (i === a ? kept : d)))];
}

function compressKernel(ctx: KernelContext) {
  let x = ctx.input(0);
  const cond = ctx.input(1);
  if (cond.rank !== 1) ctx.fail(`condition must be 1-D, got shape [${cond.dims.join(',')}]`);
  const axisAttr = ctx.attr.optInt('axis');
  if (axisAttr === undefined) x = reshaped(x, [x.size]);
  const axis = normalizeAxis(axisAttr ?? 0, x.rank, (m) => ctx.fail(m));
  const c = cond.data() as Uint8Array;
  const n = x.dims[axis]!;
  const strides = stridesOf(x.dims);
  const picked: number[] = [];
  for (let i = 0; i < c.length; i++) {
    if (!c[i]) continue;
    if (i >= n) ctx.fail(`condition selects index ${i}, past the ${n} values of axis ${axis}`);
    picked.push(i * strides[axis]!);
  }
  const outDims = x.dims.map((d, a) => (a === axis ? picked.length : d));
  const tables = outDims.map((d, a) => (a === axis ? Float64Array.from(picked) : axisTable(d, strides[a]!)));
  return [gatherByTables(x, outDims, tables)];
}

export default defineOp({
  opType: 'Compress',
  category: 'tensor',
  infer: inferCompress,
  kernel: compressKernel,
  flops: () => 0,
  versions: [
    { since: 9, inputs: 'input:T, condition:T1', outputs: 'output:T', attrs: { axis: 'int' }, types: { T: '$all_v1', T1: 'bool' } },
    { since: 11, inputs: 'input:T, condition:T1', outputs: 'output:T', attrs: { axis: 'int' }, types: { T: '$all_v1', T1: 'bool' } },
  ],
});
