import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { toFloat64 } from '../helpers/convert.js';
import { dimMerge } from '../helpers/dims.js';
import type { InferContext, KernelContext } from '../types.js';

/** [N, sum of inputdimensions] float. */
function inferFeatureVectorizer(ctx: InferContext): (ValueType | undefined)[] {
  const dims = ctx.attr.optInts('inputdimensions');
  if (dims && dims.length !== ctx.inputCount) ctx.fail(`inputdimensions has ${dims.length} entries for ${ctx.inputCount} inputs`);
  let n: Dim = null;
  let total: Dim = 0;
  for (let i = 0; i < ctx.inputCount; i++) {
    const s = ctx.input(i).shape;
    if (s) n = dimMerge(n, s.length <= 1 ? 1 : s[0]!);
    const c: Dim = dims ? dims[i]! : s && s.length === 1 ? s[0]! : s && s.length === 2 ? s[1]! : null;
    total = typeof total === 'number' && typeof c === 'number' ? total + c : null;
  }
  return [tensorType(DataType.FLOAT, [n, total])];
}

function featureVectorizerKernel(ctx: KernelContext) {
  const xs = ctx.inputs.map((_, i) => ctx.input(i));
  const dims = ctx.attr.optInts('inputdimensions');
  if (dims && dims.length !== xs.length) ctx.fail(`inputdimensions has ${dims.length} entries for ${xs.length} inputs`);
  const n = xs[0]!.rank <= 1 ? 1 : xs[0]!.dims[0]!;
  const widths = xs.map((x, i) => dims?.[i] ?? (n === 0 ? 0 : x.size / n));
  const total = widths.reduce((a, b) => a + b, 0);
  const out = new Float32Array(n * total);
  let col = 0;
  xs.forEach((x, i) => {
    const rows = x.rank <= 1 ? 1 : x.dims[0]!;
    if (rows !== n) ctx.fail(`input ${i} has ${rows} rows, input 0 has ${n}`);
    const c = n === 0 ? 0 : x.size / n;
    const v = toFloat64(x);
    const w = widths[i]!;
    const copy = Math.min(c, w);
    for (let r = 0; r < n; r++) for (let j = 0; j < copy; j++) out[r * total + col + j] = v[r * c + j]!;
    col += w;
  });
  return [Tensor.fromData(DataType.FLOAT, [n, total], out)];
}

/** Concatenates [N, C_i] inputs (1-D ones as [1, C]) along the features, each cut or zero-padded to its inputdimensions entry. */
export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'FeatureVectorizer',
  category: 'ml',
  infer: inferFeatureVectorizer,
  kernel: featureVectorizerKernel,
  versions: [
    { since: 1, inputs: 'X...:T1', outputs: 'Y:tensor(float)', attrs: { inputdimensions: 'ints' }, types: { T1: 'int32 int64 float double' } },
  ],
});
