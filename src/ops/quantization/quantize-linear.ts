import { defineOp } from '../define.js';
import { DataType, allocData, dtypeName, isKnownDataType, type NumericArray } from '../../ir/dtype.js';
import { bf16ToF32, f16ToF32, f32ToBf16, f32ToF16 } from '../../ir/float-formats.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { encodeFloats, toFloat, toFloat64 } from '../helpers/convert.js';
import { dimConflicts } from '../helpers/dims.js';
import { checkQuantShapes, clampInt, intRange, quantLayout, roundHalfEven } from '../helpers/quant.js';
import type { InferContext, KernelContext } from '../types.js';

const FLOAT_TARGETS = new Set<DataType>([
  DataType.FLOAT8E4M3FN,
  DataType.FLOAT8E4M3FNUZ,
  DataType.FLOAT8E5M2,
  DataType.FLOAT8E5M2FNUZ,
  DataType.FLOAT4E2M1,
]);

/** The quantized type: output_dtype, else the zero point's type, else uint8; both must agree. */
function outputType(outputDtype: number, zp: DataType | undefined, fail: (m: string) => never): DataType {
  // A zero point of a type not known yet (during inference) leaves the output type open.
  if (zp === DataType.UNDEFINED) return outputDtype as DataType;
  if (outputDtype !== 0 && zp !== undefined && outputDtype !== zp) {
    fail(`output_dtype ${isKnownDataType(outputDtype) ? dtypeName(outputDtype) : outputDtype} differs from the zero point's type ${dtypeName(zp)}`);
  }
  const t = zp || outputDtype || DataType.UINT8;
  if (!isKnownDataType(t) || (intRange(t) === undefined && !FLOAT_TARGETS.has(t)) || t === DataType.INT32) {
    fail(`cannot quantize to ${isKnownDataType(t) ? dtypeName(t) : `type ${t}`}`);
  }
  return t;
}

/** y = saturate(round(x / y_scale) + y_zero_point), per tensor, per axis or per block. */
function inferQuantizeLinear(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const s = ctx.input(1);
  const zp = ctx.has(2) ? ctx.input(2) : undefined;
  const t = outputType(ctx.attr.optInt('output_dtype') ?? 0, zp?.elemType, (m) => ctx.fail(m));
  const blockSize = ctx.attr.optInt('block_size') ?? 0;
  const problem = checkQuantShapes(x.shape, s.shape, ctx.attr.optInt('axis') ?? 1, blockSize);
  if (problem) ctx.fail(problem);
  if (zp?.shape && s.shape && (zp.shape.length !== s.shape.length || zp.shape.some((d, i) => dimConflicts(d, s.shape![i]!)))) {
    ctx.fail(`y_zero_point [${zp.shape.join(',')}] must have the shape of y_scale [${s.shape.join(',')}]`);
  }
  return [tensorType(t, x.shape)];
}

/** How a quotient is rounded to the precision of the division (the scale's type or `precision`). */
function quotientRounding(t: DataType): 0 | 1 | 2 | 3 {
  switch (t) {
    case DataType.FLOAT16:
      return 2;
    case DataType.BFLOAT16:
      return 3;
    case DataType.DOUBLE:
    case DataType.INT32:
      return 0;
    default:
      return 1;
  }
}

function quantizeLinearKernel(ctx: KernelContext) {
  const X = ctx.input(0);
  const S = ctx.input(1);
  const Z = ctx.optionalInput(2);
  const t = outputType(ctx.attr.optInt('output_dtype') ?? 0, Z?.dtype, (m) => ctx.fail(m));
  const layout = quantLayout(X.dims, S.dims, ctx.attr.optInt('axis') ?? 1, ctx.attr.optInt('block_size') ?? 0);
  if (typeof layout === 'string') ctx.fail(layout);
  if (Z && Z.dims.join(',') !== S.dims.join(',')) ctx.fail(`y_zero_point [${Z.dims.join(',')}] must have the shape of y_scale [${S.dims.join(',')}]`);
  const precision = ctx.attr.optInt('precision') ?? 0;
  const rm = quotientRounding(precision !== 0 ? (precision as DataType) : S.dtype);
  const x = X.dtype === DataType.INT32 ? toFloat64(X) : toFloat(X);
  const s = toFloat64(S);
  const z = Z ? toFloat64(Z) : new Float64Array(s.length);
  const n = X.size;
  const range = intRange(t);
  const q = range ? (allocData(t, n) as NumericArray) : new Float64Array(n);
  const lo = range ? range[0] : 0;
  const hi = range ? range[1] : 0;
  const { mode, outer, axisLen, inner, block } = layout;
  const blocks = block > 0 ? Math.ceil(axisLen / block) : 0;
  for (let o = 0; o < outer; o++) {
    for (let a = 0; a < axisLen; a++) {
      const base = (o * axisLen + a) * inner;
      const pBase = mode === 'tensor' ? 0 : mode === 'axis' ? a : (o * blocks + Math.floor(a / block)) * inner;
      const pStep = mode === 'block' ? 1 : 0;
      for (let i = 0, p = pBase; i < inner; i++, p += pStep) {
        let v = x[base + i]! / s[p]!;
        if (rm === 1) v = Math.fround(v);
        else if (rm === 2) v = f16ToF32(f32ToF16(v));
        else if (rm === 3) v = bf16ToF32(f32ToBf16(v));
        q[base + i] = range ? clampInt(roundHalfEven(v) + z[p]!, lo, hi) : v + z[p]!;
      }
    }
  }
  if (range) return [Tensor.fromData(t, X.dims, q)];
  const saturate = (ctx.attr.optInt('saturate') ?? 1) !== 0;
  return [Tensor.fromData(t, X.dims, encodeFloats(t, q, { saturate: saturate || t === DataType.FLOAT4E2M1 }))];
}

export default defineOp({
  opType: 'QuantizeLinear',
  category: 'quantization',
  infer: inferQuantizeLinear,
  kernel: quantizeLinearKernel,
  versions: [
    { since: 10, inputs: 'x:T1, y_scale:tensor(float), y_zero_point?:T2', outputs: 'y:T2', types: { T1: 'float int32', T2: 'int8 uint8' } },
    { since: 13, inputs: 'x:T1, y_scale:tensor(float), y_zero_point?:T2', outputs: 'y:T2', attrs: { axis: 'int=1' }, types: { T1: 'float int32', T2: 'int8 uint8' } },
    { since: 19, inputs: 'x:T1, y_scale:T1, y_zero_point?:T2', outputs: 'y:T2', attrs: { axis: 'int=1', saturate: 'int=1' }, types: { T1: 'float float16 bfloat16 int32', T2: 'int8 uint8 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz' } },
    { since: 21, inputs: 'x:T1, y_scale:T1, y_zero_point?:T2', outputs: 'y:T2', attrs: { axis: 'int=1', block_size: 'int=0', output_dtype: 'int=0', saturate: 'int=1' }, types: { T1: 'float float16 bfloat16 int32', T2: 'int8 uint8 int16 uint16 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz uint4 int4' } },
    { since: 23, inputs: 'x:T1, y_scale:T2, y_zero_point?:T3', outputs: 'y:T3', attrs: { axis: 'int=1', block_size: 'int=0', output_dtype: 'int=0', precision: 'int=0', saturate: 'int=1' }, types: { T1: 'float float16 bfloat16 int32', T2: 'float float16 bfloat16 int32', T3: 'int8 uint8 int16 uint16 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz uint4 int4 float4e2m1' } },
    { since: 24, inputs: 'x:T1, y_scale:T2, y_zero_point?:T3', outputs: 'y:T3', attrs: { axis: 'int=1', block_size: 'int=0', output_dtype: 'int=0', precision: 'int=0', saturate: 'int=1' }, types: { T1: 'float float16 bfloat16 int32', T2: 'float float16 bfloat16 int32 float8e8m0', T3: 'int8 uint8 int16 uint16 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz uint4 int4 float4e2m1' } },
    { since: 25, inputs: 'x:T1, y_scale:T2, y_zero_point?:T3', outputs: 'y:T3', attrs: { axis: 'int=1', block_size: 'int=0', output_dtype: 'int=0', precision: 'int=0', saturate: 'int=1' }, types: { T1: 'float float16 bfloat16 int32', T2: 'float float16 bfloat16 int32 float8e8m0', T3: 'int8 uint8 int16 uint16 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz uint4 int4 float4e2m1 uint2 int2' } },
  ],
});
