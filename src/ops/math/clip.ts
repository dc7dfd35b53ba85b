import { defineOp } from '../define.js';
import { DataType, dtypeInfo, dtypeName, type NumericArray } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { sameAsInput } from '../helpers/elementwise.js';
import { elementwiseFlops } from '../helpers/elementwise-math.js';
import { encodeFloats, isNarrowFloat, toFloat32 } from '../helpers/convert.js';
import type { InferContext, KernelContext } from '../types.js';

/**
 * y = min(max(x, lo), hi): values below lo become lo, then values above hi become hi (so with
 * lo > hi everything is hi). NaN stays NaN. Integers compare exactly (int64 as bigint).
 */
function clipTensor(ctx: KernelContext, x: Tensor, lo: number | bigint | undefined, hi: number | bigint | undefined): Tensor {
  const n = x.size;
  if (x.dtype === DataType.INT64 || x.dtype === DataType.UINT64) {
    const xd = x.data() as BigInt64Array;
    const out = x.dtype === DataType.INT64 ? new BigInt64Array(n) : new BigUint64Array(n);
    const o = out as BigInt64Array;
    for (let i = 0; i < n; i++) {
      let v = xd[i]!;
      if (lo !== undefined && v < lo) v = lo as bigint;
      if (hi !== undefined && v > hi) v = hi as bigint;
      o[i] = v;
    }
    return Tensor.fromData(x.dtype, x.dims, out);
  }
  const info = dtypeInfo(x.dtype);
  if (!info.array || info.lanes !== 1 || x.dtype === DataType.BOOL || x.dtype === DataType.STRING) ctx.fail(`does not apply to ${dtypeName(x.dtype)}`);
  const narrow = isNarrowFloat(x.dtype);
  const xd = narrow ? toFloat32(x) : (x.data() as NumericArray);
  const out = narrow ? new Float32Array(n) : (new info.array(n) as NumericArray);
  const l = lo === undefined ? -Infinity : Number(lo);
  const h = hi === undefined ? Infinity : Number(hi);
  for (let i = 0; i < n; i++) {
    let v = xd[i]!;
    if (v < l) v = l;
    if (v > h) v = h;
    out[i] = v;
  }
  return Tensor.fromData(x.dtype, x.dims, narrow ? encodeFloats(x.dtype, out) : out);
}

/** A bound given as an optional input (opset 11+): a single value of the input's type. */
function boundOf(ctx: KernelContext, i: number, t: DataType): number | bigint | undefined {
  const b = ctx.optionalInput(i);
  if (!b) return undefined;
  if (b.dtype !== t) ctx.fail(`${i === 1 ? 'min' : 'max'} must have the input's type ${dtypeName(t)}, got ${dtypeName(b.dtype)}`);
  if (b.size !== 1) ctx.fail(`${i === 1 ? 'min' : 'max'} must be a scalar, got shape [${b.dims.join(',')}]`);
  if (isNarrowFloat(t)) return toFloat32(b)[0]!;
  return (b.data() as ArrayLike<number | bigint>)[0]!;
}

/** Opset 11+: bounds from the optional inputs min and max. */
function clip(ctx: KernelContext) {
  const x = ctx.input(0);
  return [clipTensor(ctx, x, boundOf(ctx, 1, x.dtype), boundOf(ctx, 2, x.dtype))];
}

/** Opset 1: bounds from the optional attributes min and max. */
function clip1(ctx: KernelContext) {
  return [clipTensor(ctx, ctx.input(0), ctx.attr.optFloat('min'), ctx.attr.optFloat('max'))];
}

/** Opset 6: bounds from attributes defaulting to -/+3.402823e+38. */
function clip6(ctx: KernelContext) {
  return [clipTensor(ctx, ctx.input(0), ctx.attr.float('min'), ctx.attr.float('max'))];
}

/** The output is like the input; min and max, when given, must hold a single value. */
function inferClip(ctx: InferContext) {
  for (const i of [1, 2]) {
    if (!ctx.has(i)) continue;
    const shape = ctx.input(i).shape;
    if (shape && (shape.length > 1 || shape.some((d) => typeof d === 'number' && d !== 1))) {
      ctx.fail(`${i === 1 ? 'min' : 'max'} must be a scalar, got shape [${shape.join(',')}]`);
    }
  }
  return sameAsInput(ctx);
}

/** Limits every element of the input to [min, max]. */
export default defineOp({
  opType: 'Clip',
  category: 'math',
  traits: ['elementwise'],
  infer: inferClip,
  kernel: clip,
  flops: elementwiseFlops,
  versions: [
    { since: 1, inputs: 'input:T', outputs: 'output:T', attrs: { consumed_inputs: 'ints', max: 'float', min: 'float' }, types: { T: 'float16 float double' }, kernel: clip1 },
    { since: 6, inputs: 'input:T', outputs: 'output:T', attrs: { max: 'float=3.402823e+38', min: 'float=-3.402823e+38' }, types: { T: 'float16 float double' }, kernel: clip6 },
    { since: 11, inputs: 'input:T, min?:T, max?:T', outputs: 'output:T', types: { T: 'float16 float double' } },
    { since: 12, inputs: 'input:T, min?:T, max?:T', outputs: 'output:T', types: { T: '$numeric' } },
    { since: 13, inputs: 'input:T, min?:T, max?:T', outputs: 'output:T', types: { T: '$numeric_v13' } },
  ],
});
