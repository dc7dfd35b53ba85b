import { defineOp } from '../define.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { encodeFloats, sizeOf, toFloat } from '../helpers/convert.js';
import { dimConflicts } from '../helpers/dims.js';
import type { InferContext, KernelContext } from '../types.js';

/** Determinant of the n x n matrix in `m` (row-major, overwritten) by LU with partial pivoting. */
export function determinant(m: Float64Array, n: number): number {
  let det = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    let best = Math.abs(m[c * n + c]!);
    for (let r = c + 1; r < n; r++) {
      const v = Math.abs(m[r * n + c]!);
      if (v > best) {
        best = v;
        p = r;
      }
    }
    if (best === 0) return 0;
    if (p !== c) {
      for (let k = c; k < n; k++) {
        const t = m[c * n + k]!;
        m[c * n + k] = m[p * n + k]!;
        m[p * n + k] = t;
      }
      det = -det;
    }
    const pivot = m[c * n + c]!;
    det *= pivot;
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c]! / pivot;
      if (f === 0) continue;
      for (let k = c + 1; k < n; k++) m[r * n + k] -= f * m[c * n + k]!;
    }
  }
  return det;
}

function inferDet(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  if (!x.shape) return [tensorType(x.elemType)];
  const r = x.shape.length;
  if (r < 2) ctx.fail(`input must have rank >= 2, got [${x.shape.join(',')}]`);
  if (dimConflicts(x.shape[r - 2]!, x.shape[r - 1]!)) ctx.fail(`matrices must be square, got [${x.shape.join(',')}]`);
  return [tensorType(x.elemType, x.shape.slice(0, -2))];
}

function detKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  const r = x.rank;
  if (r < 2) ctx.fail(`input must have rank >= 2, got [${x.dims.join(',')}]`);
  const n = x.dims[r - 1]!;
  if (x.dims[r - 2] !== n) ctx.fail(`matrices must be square, got [${x.dims.join(',')}]`);
  const batch = x.dims.slice(0, -2);
  const count = sizeOf(batch);
  const data = toFloat(x);
  const out = new Float64Array(count);
  const nn = n * n;
  const work = new Float64Array(nn);
  for (let b = 0; b < count; b++) {
    for (let k = 0; k < nn; k++) work[k] = data[b * nn + k]!;
    out[b] = determinant(work, n);
  }
  return [Tensor.fromData(x.dtype, batch, encodeFloats(x.dtype, out))];
}

/** Determinant of each square matrix in the last two dims. */
export default defineOp({
  opType: 'Det',
  category: 'math',
  infer: inferDet,
  kernel: detKernel,
  versions: [
    { since: 11, inputs: 'X:T', outputs: 'Y:T', types: { T: 'float16 float double' } },
    { since: 22, inputs: 'X:T', outputs: 'Y:T', types: { T: 'bfloat16 float16 float double' } },
  ],
});
