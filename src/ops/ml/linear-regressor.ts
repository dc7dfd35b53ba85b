import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { applyPostTransform, batchDim, postTransformOf, rowsOf, scoresTensor } from '../helpers/ml.js';
import type { InferContext, KernelContext } from '../types.js';

/** [N, targets] float. */
function inferLinearRegressor(ctx: InferContext): (ValueType | undefined)[] {
  postTransformOf(ctx, (m) => ctx.fail(m));
  return [tensorType(DataType.FLOAT, [batchDim(ctx), ctx.attr.int('targets')])];
}

function linearRegressorKernel(ctx: KernelContext) {
  const transform = postTransformOf(ctx, (m) => ctx.fail(m));
  const { n, c, data } = rowsOf(ctx, ctx.input(0));
  const t = ctx.attr.int('targets');
  const coef = ctx.attr.optFloats('coefficients') ?? [];
  if (coef.length !== t * c) ctx.fail(`has ${coef.length} coefficients, expected targets (${t}) x features (${c})`);
  const intercepts = ctx.attr.optFloats('intercepts');
  if (intercepts && intercepts.length !== t) ctx.fail(`has ${intercepts.length} intercepts for ${t} targets`);
  const y = new Float64Array(n * t);
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < t; k++) {
      let s = intercepts ? intercepts[k]! : 0;
      for (let j = 0; j < c; j++) s += data[r * c + j]! * coef[k * c + j]!;
      y[r * t + k] = s;
    }
  }
  applyPostTransform(transform, y, n, t);
  return [scoresTensor(y, n, t)];
}

/** Linear regression: Y = X·coefficients^T + intercepts for each of `targets` targets, post-transformed. */
export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'LinearRegressor',
  category: 'ml',
  infer: inferLinearRegressor,
  kernel: linearRegressorKernel,
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:tensor(float)', attrs: { coefficients: 'floats', intercepts: 'floats', post_transform: 'string=NONE', targets: 'int=1' }, types: { T: 'float double int64 int32' } },
  ],
});
