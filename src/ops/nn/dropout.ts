import { defineOp } from '../define.js';
import { uniformSource } from '../helpers/random.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { scalarOf, tensorFromFloats, toFloat } from '../helpers/convert.js';
import type { InferContext, InferFn, KernelContext, KernelFn } from '../types.js';

/**
 * Dropout: the identity in inference; in training, zeroes each element with probability
 * `ratio` and scales the rest by 1 / (1 - ratio). `mask` tells which elements were kept.
 */
function inferDropout(maskBool: boolean): InferFn {
  return (ctx: InferContext): (ValueType | undefined)[] => {
    const x = ctx.input(0);
    if (ctx.has(1)) {
      const r = ctx.input(1);
      if (r.shape && r.shape.length !== 0 && !(r.shape.length === 1 && r.shape[0] === 1)) ctx.fail(`ratio must be a scalar, got shape [${r.shape.join(',')}]`);
      const v = r.value;
      if (v && v.size === 1) {
        const ratio = scalarOf(v);
        if (!(ratio >= 0 && ratio <= 1)) ctx.fail(`ratio must be in [0, 1], got ${ratio}`);
      }
    }
    const out: (ValueType | undefined)[] = [x.type];
    if (ctx.outputCount > 1) out.push(tensorType(maskBool ? DataType.BOOL : x.elemType, x.shape));
    return out;
  };
}

/** Output and mask; `training` false gives the identity and a mask of ones. */
function dropout(ctx: KernelContext, training: boolean, ratio: number, maskBool: boolean): (Tensor | undefined)[] {
  const X = ctx.input(0);
  const n = X.size;
  const wantMask = ctx.outputCount > 1 && ctx.outputNeeded(1);
  if (!(ratio >= 0 && ratio <= 1)) ctx.fail(`ratio must be in [0, 1], got ${ratio}`);
  if (!training || ratio === 0) {
    if (!wantMask) return [X];
    const mask = maskBool ? Tensor.fromData(DataType.BOOL, X.dims, new Uint8Array(n).fill(1)) : tensorFromFloats(X.dtype, X.dims, new Float32Array(n).fill(1));
    return [X, mask];
  }
  const x = toFloat(X);
  const y = x instanceof Float64Array ? new Float64Array(n) : new Float32Array(n);
  const keep = new Uint8Array(n);
  const scale = ratio < 1 ? 1 / (1 - ratio) : 0;
  const uniform = uniformSource(ctx);
  for (let i = 0; i < n; i++) {
    if (uniform() >= ratio) {
      keep[i] = 1;
      y[i] = x[i]! * scale;
    }
  }
  const out: (Tensor | undefined)[] = [tensorFromFloats(X.dtype, X.dims, y)];
  if (wantMask) out.push(maskBool ? Tensor.fromData(DataType.BOOL, X.dims, keep) : tensorFromFloats(X.dtype, X.dims, Float32Array.from(keep)));
  return out;
}

/** Dropout-1/6: training unless is_test is set; the mask has the type of the data. */
const legacyKernel: KernelFn = (ctx) => dropout(ctx, ctx.attr.int('is_test') === 0, ctx.attr.float('ratio'), false);

/** Dropout-7/10: always the identity (inference); the mask is T before 10 and bool from 10. */
function inferenceKernel(maskBool: boolean): KernelFn {
  return (ctx) => dropout(ctx, false, ctx.attr.float('ratio'), maskBool);
}

/** Dropout-12+: ratio and training_mode are inputs. */
const modernKernel: KernelFn = (ctx) => {
  const r = ctx.optionalInput(1);
  const t = ctx.optionalInput(2);
  const ratio = r ? scalarOf(r) : 0.5;
  const training = t ? scalarOf(t) !== 0 : false;
  return dropout(ctx, training, ratio, true);
};

export default defineOp({
  opType: 'Dropout',
  category: 'nn',
  traits: ['nondeterministic'],
  infer: inferDropout(true),
  kernel: modernKernel,
  versions: [
    { since: 1, inputs: 'data:T', outputs: 'output:T, mask?:T', attrs: { consumed_inputs: 'ints', is_test: 'int=0', ratio: 'float=0.5' }, types: { T: 'float16 float double' }, infer: inferDropout(false), kernel: legacyKernel },
    { since: 6, inputs: 'data:T', outputs: 'output:T, mask?:T', attrs: { is_test: 'int=0', ratio: 'float=0.5' }, types: { T: 'float16 float double' }, infer: inferDropout(false), kernel: legacyKernel },
    { since: 7, inputs: 'data:T', outputs: 'output:T, mask?:T', attrs: { ratio: 'float=0.5' }, types: { T: 'float16 float double' }, infer: inferDropout(false), kernel: inferenceKernel(false) },
    { since: 10, inputs: 'data:T', outputs: 'output:T, mask?:T1', attrs: { ratio: 'float=0.5' }, types: { T: 'float16 float double', T1: 'bool' }, kernel: inferenceKernel(true) },
    { since: 12, inputs: 'data:T, ratio?:T1, training_mode?:T2', outputs: 'output:T, mask?:T2', attrs: { seed: 'int' }, types: { T: 'float16 float double', T1: 'float16 float double', T2: 'bool' } },
    { since: 13, inputs: 'data:T, ratio?:T1, training_mode?:T2', outputs: 'output:T, mask?:T2', attrs: { seed: 'int' }, types: { T: 'float16 float double bfloat16', T1: 'float16 float double', T2: 'bool' } },
    { since: 22, inputs: 'data:T, ratio?:T1, training_mode?:T2', outputs: 'output:T, mask?:T2', attrs: { seed: 'int' }, types: { T: 'bfloat16 float16 float double float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz', T1: 'bfloat16 float16 float double float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz', T2: 'bool' } },
  ],
});
