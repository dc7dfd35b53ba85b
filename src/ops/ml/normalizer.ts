import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { batchDim, rowsOf } from '../helpers/ml.js';
import type { InferContext, KernelContext } from '../types.js';

function normOf(norm: string, fail: (m: string) => never): 'MAX' | 'L1' | 'L2' {
  if (norm !== 'MAX' && norm !== 'L1' && norm !== 'L2') fail(`norm should be MAX, L1 or L2, got "${norm}"`);
  return norm;
}

/** Float, same shape as X. */
function inferNormalizer(ctx: InferContext): (ValueType | undefined)[] {
  normOf(ctx.attr.string('norm'), (m) => ctx.fail(m));
  batchDim(ctx);
  return [tensorType(DataType.FLOAT, ctx.input(0).shape)];
}

function normalizerKernel(ctx: KernelContext) {
  const norm = normOf(ctx.attr.string('norm'), (m) => ctx.fail(m));
  const x = ctx.input(0);
  const { n, c, data } = rowsOf(ctx, x);
  const out = new Float32Array(n * c);
  for (let r = 0; r < n; r++) {
    const o = r * c;
    let d = 0;
    if (norm === 'MAX') {
      d = -Infinity;
      for (let j = 0; j < c; j++) d = Math.max(d, data[o + j]!);
    } else if (norm === 'L1') {
      for (let j = 0; j < c; j++) d += Math.abs(data[o + j]!);
    } else {
      for (let j = 0; j < c; j++) d += data[o + j]! * data[o + j]!;
      d = Math.sqrt(d);
    }
    for (let j = 0; j < c; j++) out[o + j] = d === 0 || !Number.isFinite(d) ? data[o + j]! : data[o + j]! / d;
  }
  return [Tensor.fromData(DataType.FLOAT, x.dims, out)];
}

/** Normalizes each row: by its max (MAX), the sum of absolute values (L1) or the Euclidean norm (L2); a zero divisor leaves the row as is. */
export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'Normalizer',
  category: 'ml',
  infer: inferNormalizer,
  kernel: normalizerKernel,
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:tensor(float)', attrs: { norm: 'string=MAX' }, types: { T: 'float double int64 int32' } },
  ],
});
