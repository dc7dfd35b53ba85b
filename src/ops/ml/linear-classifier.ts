import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import type { ValueType } from '../../ir/types.js';
import { applyPostTransform, argmaxRow, batchDim, classifierTypes, classLabelsOf, labelsTensor, postTransformOf, rowsOf, scoresTensor } from '../helpers/ml.js';
import type { InferContext, KernelContext } from '../types.js';

/** Y: one label per row; Z: [N, E] scores (E = number of intercepts, or 2 for a binary model with one score). */
function inferLinearClassifier(ctx: InferContext): (ValueType | undefined)[] {
  const labels = classLabelsOf(ctx.attr, 'classlabels_ints');
  postTransformOf(ctx, (m) => ctx.fail(m));
  const coef = ctx.attr.floats('coefficients');
  const s = ctx.input(0).shape;
  const c = s ? s[s.length - 1] : undefined;
  let e = ctx.attr.optFloats('intercepts')?.length ?? (typeof c === 'number' && c > 0 ? coef.length / c : null);
  if (e === 1 && labels.count === 2) e = 2;
  return classifierTypes(labels, batchDim(ctx), e).slice(0, ctx.outputCount);
}

function linearClassifierKernel(ctx: KernelContext) {
  const labels = classLabelsOf(ctx.attr, 'classlabels_ints');
  const transform = postTransformOf(ctx, (m) => ctx.fail(m));
  const { n, c, data } = rowsOf(ctx, ctx.input(0));
  const coef = ctx.attr.floats('coefficients');
  if (c === 0 || coef.length % c !== 0) ctx.fail(`has ${coef.length} coefficients, not a multiple of the ${c} features`);
  const e = coef.length / c;
  const intercepts = ctx.attr.optFloats('intercepts');
  if (intercepts && intercepts.length !== e) ctx.fail(`has ${intercepts.length} intercepts for ${e} score columns`);
  const binary = e === 1 && labels.count === 2;
  const width = binary ? 2 : e;
  const scores = new Float64Array(n * width);
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < e; k++) {
      let s = intercepts ? intercepts[k]! : 0;
      for (let j = 0; j < c; j++) s += data[r * c + j]! * coef[k * c + j]!;
      if (binary) {
        scores[r * 2] = -s;
        scores[r * 2 + 1] = s;
      } else scores[r * width + k] = s;
    }
  }
  applyPostTransform(transform, scores, n, width);
  let y: Tensor;
  if (width > 1) {
    const idx = new Int32Array(n);
    for (let r = 0; r < n; r++) idx[r] = argmaxRow(scores, r * width, width);
    y = labelsTensor(labels, idx);
  } else {
    // One score column: the first label when the score reaches the threshold, else 0 / "".
    const threshold = transform === 'NONE' ? 0 : 0.5;
    if (labels.strings) y = Tensor.fromData(DataType.STRING, [n], Array.from(scores, (v) => (v >= threshold ? labels.strings![0]! : '')));
    else y = Tensor.fromData(DataType.INT64, [n], BigInt64Array.from(scores, (v) => (v >= threshold ? BigInt(labels.ints?.[0] ?? 1) : 0n)));
  }
  return [y, scoresTensor(scores, n, width)].slice(0, ctx.outputCount);
}

/** Linear classification: scores X·coefficients^T + intercepts, post-transformed; the label of the best score. */
export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'LinearClassifier',
  category: 'ml',
  infer: inferLinearClassifier,
  kernel: linearClassifierKernel,
  versions: [
    { since: 1, inputs: 'X:T1', outputs: 'Y:T2, Z:tensor(float)', attrs: { classlabels_ints: 'ints', classlabels_strings: 'strings', coefficients: 'floats!', intercepts: 'floats', multi_class: 'int=0', post_transform: 'string=NONE' }, types: { T1: 'float double int64 int32', T2: 'string int64' } },
  ],
});
