import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { toFloat64 } from '../helpers/convert.js';
import type { InferContext, KernelContext } from '../types.js';

/** Float, same shape as X. */
function inferScaler(ctx: InferContext): (ValueType | undefined)[] {
  return [tensorType(DataType.FLOAT, ctx.input(0).shape)];
}

function scalerKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  const offset = ctx.attr.optFloats('offset') ?? [0];
  const scale = ctx.attr.optFloats('scale') ?? [1];
  const f = x.rank === 0 ? 1 : x.dims[x.rank - 1]!;
  for (const [name, v] of [['offset', offset], ['scale', scale]] as const) {
    if (v.length !== 1 && v.length !== f) ctx.fail(`${name} has ${v.length} values for ${f} features`);
  }
  const d = toFloat64(x);
  const out = new Float32Array(d.length);
  const o1 = offset.length === 1;
  const s1 = scale.length === 1;
  for (let i = 0; i < d.length; i++) {
    const j = i % f;
    out[i] = (d[i]! - offset[o1 ? 0 : j]!) * scale[s1 ? 0 : j]!;
  }
  return [Tensor.fromData(DataType.FLOAT, x.dims, out)];
}

/** Y = (X - offset) * scale, per feature (last axis) or with single values for all. */
export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'Scaler',
  category: 'ml',
  infer: inferScaler,
  kernel: scalerKernel,
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:tensor(float)', attrs: { offset: 'floats', scale: 'floats' }, types: { T: 'float double int64 int32' } },
  ],
});
