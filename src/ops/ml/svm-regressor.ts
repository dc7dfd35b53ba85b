import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { applyPostTransform, batchDim, postTransformOf, rowsOf, scoresTensor, svmKernel, svmKernelOf } from '../helpers/ml.js';
import type { InferContext, KernelContext } from '../types.js';

/** [N, 1] float. */
function inferSvmRegressor(ctx: InferContext): (ValueType | undefined)[] {
  svmKernelOf(ctx.attr, (m) => ctx.fail(m));
  postTransformOf(ctx, (m) => ctx.fail(m));
  return [tensorType(DataType.FLOAT, [batchDim(ctx), 1])];
}

function svmRegressorKernel(ctx: KernelContext) {
  const transform = postTransformOf(ctx, (m) => ctx.fail(m));
  const { n, c, data } = rowsOf(ctx, ctx.input(0));
  const coef = ctx.attr.optFloats('coefficients') ?? [];
  const rho = ctx.attr.optFloats('rho')?.[0] ?? 0;
  const supports = ctx.attr.int('n_supports');
  const oneClass = ctx.attr.int('one_class') !== 0;
  const out = new Float64Array(n);
  if (supports > 0) {
    const k = svmKernelOf(ctx.attr, (m) => ctx.fail(m));
    const sv = ctx.attr.optFloats('support_vectors') ?? [];
    if (sv.length !== supports * c) ctx.fail(`support_vectors has ${sv.length} values, expected n_supports (${supports}) x features (${c})`);
    if (coef.length < supports) ctx.fail(`coefficients has ${coef.length} values for ${supports} support vectors`);
    for (let r = 0; r < n; r++) {
      let s = rho;
      for (let j = 0; j < supports; j++) s += coef[j]! * svmKernel(k, data, r * c, sv, j * c, c);
      out[r] = s;
    }
  } else {
    // Linear mode: the coefficients are the weights of the features.
    if (coef.length !== c) ctx.fail(`coefficients has ${coef.length} values for ${c} features`);
    for (let r = 0; r < n; r++) {
      let s = rho;
      for (let j = 0; j < c; j++) s += coef[j]! * data[r * c + j]!;
      out[r] = s;
    }
  }
  if (oneClass) for (let r = 0; r < n; r++) out[r] = out[r]! > 0 ? 1 : -1;
  else applyPostTransform(transform, out, n, 1);
  return [scoresTensor(out, n, 1)];
}

/** SVM regression (sum of coefficient-weighted kernels with the support vectors, plus rho), or a one-class SVM (+1/-1). */
export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'SVMRegressor',
  category: 'ml',
  infer: inferSvmRegressor,
  kernel: svmRegressorKernel,
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:tensor(float)', attrs: { coefficients: 'floats', kernel_params: 'floats', kernel_type: 'string=LINEAR', n_supports: 'int=0', one_class: 'int=0', post_transform: 'string=NONE', rho: 'floats', support_vectors: 'floats' }, types: { T: 'float double int64 int32' } },
  ],
});
