import { defineOp } from '../define.js';
import { allocData } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { copyRange } from '../helpers/axis-copy.js';
import { dimProduct } from '../helpers/dims.js';
import { toInts } from '../helpers/convert.js';
import type { InferContext, KernelContext } from '../types.js';

/** X's dims with the last replaced by the number of indices ([1, k] for a 1-D X). */
function inferArrayFeatureExtractor(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const y = ctx.input(1);
  const k: Dim = y.shape ? dimProduct(y.shape) : null;
  if (!x.shape) return [tensorType(x.elemType)];
  if (x.shape.length === 0) ctx.fail('X should have rank >= 1, got a scalar');
  return [tensorType(x.elemType, x.shape.length === 1 ? [1, k] : [...x.shape.slice(0, -1), k])];
}

function arrayFeatureExtractorKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  if (x.rank === 0) ctx.fail('X should have rank >= 1, got a scalar');
  const idx = toInts(ctx.input(1));
  const f = x.dims[x.rank - 1]!;
  for (const i of idx) if (i < 0 || i >= f) ctx.fail(`index ${i} is out of range for the last axis of size ${f}`);
  const rows = x.size / Math.max(f, 1);
  const outDims = x.rank === 1 ? [1, idx.length] : [...x.dims.slice(0, -1), idx.length];
  const src = x.data();
  const out = allocData(x.dtype, rows * idx.length);
  for (let r = 0; r < rows; r++) for (let j = 0; j < idx.length; j++) copyRange(out, r * idx.length + j, src, r * f + idx[j]!, 1);
  return [Tensor.fromData(x.dtype, outDims, out)];
}

/** Selects elements of the last axis of X at the indices Y. */
export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'ArrayFeatureExtractor',
  category: 'ml',
  infer: inferArrayFeatureExtractor,
  kernel: arrayFeatureExtractorKernel,
  versions: [
    { since: 1, inputs: 'X:T, Y:tensor(int64)', outputs: 'Z:T', types: { T: 'float double int64 int32 string' } },
  ],
});
