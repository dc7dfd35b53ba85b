import { defineOp } from '../define.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { encodeFloats, toFloat64, toInts } from '../helpers/convert.js';
import { dimConflicts, dimMerge } from '../helpers/dims.js';
import type { InferContext, KernelContext } from '../types.js';

/** Evenly spaced positions in [-1, 1] for L pixels (centres of the corner pixels when aligned). */
function positions(L: number, align: boolean): Float64Array {
  const out = new Float64Array(L);
  for (let i = 0; i < L; i++) out[i] = align ? (L === 1 ? -1 : -1 + (2 * i) / (L - 1)) : -1 + (2 * i + 1) / L;
  return out;
}

function affineGridKernel(ctx: KernelContext) {
  const theta = ctx.input(0);
  const size = toInts(ctx.input(1));
  const align = ctx.attr.int('align_corners') !== 0;
  if (size.length !== 4 && size.length !== 5) ctx.fail(`size must have 4 (2-D) or 5 (3-D) values, got ${size.length}`);
  const r = size.length - 2;
  const N = size[0]!;
  if (theta.rank !== 3 || theta.dims[0] !== N || theta.dims[1] !== r || theta.dims[2] !== r + 1) {
    ctx.fail(`theta must have shape [${N}, ${r}, ${r + 1}], got [${theta.dims.join(',')}]`);
  }
  const spatial = size.slice(2);
  for (const d of spatial) if (d < 0) ctx.fail(`size must not be negative, got [${size.join(',')}]`);
  const th = toFloat64(theta);
  // Base coordinates per axis; the grid lists x (innermost dim) first.
  const base = spatial.map((L) => positions(L, align));
  let P = 1;
  for (const d of spatial) P *= d;
  const out = new Float64Array(N * P * r);
  const coord = new Float64Array(r + 1);
  const counter = new Array<number>(r).fill(0);
  for (let n = 0; n < N; n++) {
    const t = n * r * (r + 1);
    counter.fill(0);
    for (let p = 0; p < P; p++) {
      // Homogeneous position (x, y[, z], 1): coordinate k is the spatial dim r-1-k.
      for (let k = 0; k < r; k++) coord[k] = base[r - 1 - k]![counter[r - 1 - k]!]!;
      coord[r] = 1;
      for (let i = 0; i < r; i++) {
        let s = 0;
        for (let k = 0; k <= r; k++) s += th[t + i * (r + 1) + k]! * coord[k]!;
        out[(n * P + p) * r + i] = s;
      }
      for (let d = r - 1; d >= 0; d--) {
        if (++counter[d]! < spatial[d]!) break;
        counter[d] = 0;
      }
    }
  }
  return [Tensor.fromData(theta.dtype, [N, ...spatial, r], encodeFloats(theta.dtype, out))];
}

function inferAffineGrid(ctx: InferContext): (ValueType | undefined)[] {
  const theta = ctx.input(0);
  const size = ctx.input(1);
  let r: number | undefined;
  const len = size.shape?.[0];
  if (size.shape && size.shape.length !== 1) ctx.fail(`size must be 1-D, got rank ${size.shape.length}`);
  if (typeof len === 'number') {
    if (len !== 4 && len !== 5) ctx.fail(`size must have 4 (2-D) or 5 (3-D) values, got ${len}`);
    r = len - 2;
  }
  const ts = theta.shape;
  if (ts) {
    if (ts.length !== 3) ctx.fail(`theta must be 3-D, got rank ${ts.length}`);
    if (typeof ts[1] === 'number') {
      if (r !== undefined && ts[1] !== r) ctx.fail(`theta has ${ts[1]} rows but size describes ${r}-D`);
      r ??= ts[1];
    }
    if (r !== undefined && dimConflicts(ts[2]!, r + 1)) ctx.fail(`theta must have ${r! + 1} columns, got ${ts[2]}`);
  }
  if (r === undefined) return [tensorType(theta.elemType)];
  const sym = size.symbolic;
  let n: Dim = ts ? ts[0]! : null;
  const spatial: Dim[] = new Array<Dim>(r).fill(null);
  if (sym && sym.length === r + 2) {
    if (dimConflicts(n, sym[0]!)) ctx.fail(`theta has batch ${n} but size says ${sym[0]}`);
    n = dimMerge(n, sym[0]!);
    for (let i = 0; i < r; i++) spatial[i] = sym[i + 2]!;
  }
  return [tensorType(theta.elemType, [n, ...spatial, r])];
}

/** AffineGrid: the sampling grid of a batch of 2-D or 3-D affine transforms. */
export default defineOp({
  opType: 'AffineGrid',
  category: 'image',
  infer: inferAffineGrid,
  kernel: affineGridKernel,
  versions: [
    { since: 20, inputs: 'theta:T1, size:T2', outputs: 'grid:T1', attrs: { align_corners: 'int=0' }, types: { T1: 'bfloat16 float16 float double', T2: 'int64' } },
  ],
});
