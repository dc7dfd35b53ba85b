import { defineOp } from '../define.js';
import { DataType, dtypeName, isKnownDataType } from '../../ir/dtype.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { tensorFromFloats, toFloat64 } from '../helpers/convert.js';
import { dimConflicts } from '../helpers/dims.js';
import { checkQuantShapes, quantLayout } from '../helpers/quant.js';
import type { InferContext, KernelContext } from '../types.js';

/** The output type: output_dtype when set, else the type of the scale (float before opset 19). */
function outputType(outputDtype: number, scale: DataType, fail: (m: string) => never): DataType {
  const t = outputDtype || scale;
  if (t === DataType.UNDEFINED) return t;
  if (t !== DataType.FLOAT && t !== DataType.FLOAT16 && t !== DataType.BFLOAT16) {
    fail(`output type must be float, float16 or bfloat16, got ${isKnownDataType(t) ? dtypeName(t) : t}${outputDtype ? '' : ' (the scale type; set output_dtype)'}`);
  }
  return t;
}

/** y = (x - x_zero_point) * x_scale, per tensor, per axis or per block. */
function inferDequantizeLinear(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const s = ctx.input(1);
  const zp = ctx.has(2) ? ctx.input(2) : undefined;
  if (zp && zp.elemType && x.elemType && zp.elemType !== x.elemType) ctx.fail(`x_zero_point is ${dtypeName(zp.elemType)} but x is ${dtypeName(x.elemType)}`);
  const t = outputType(ctx.attr.optInt('output_dtype') ?? 0, s.elemType, (m) => ctx.fail(m));
  const problem = checkQuantShapes(x.shape, s.shape, ctx.attr.optInt('axis') ?? 1, ctx.attr.optInt('block_size') ?? 0);
  if (problem) ctx.fail(problem);
  if (zp?.shape && s.shape && (zp.shape.length !== s.shape.length || zp.shape.some((d, i) => dimConflicts(d, s.shape![i]!)))) {
    ctx.fail(`x_zero_point [${zp.shape.join(',')}] must have the shape of x_scale [${s.shape.join(',')}]`);
  }
  return [tensorType(t, x.shape)];
}

function dequantizeLinearKernel(ctx: KernelContext) {
  const X = ctx.input(0);
  const S = ctx.input(1);
  const Z = ctx.optionalInput(2);
  const t = outputType(ctx.attr.optInt('output_dtype') ?? 0, S.dtype, (m) => ctx.fail(m));
  const layout = quantLayout(X.dims, S.dims, ctx.attr.optInt('axis') ?? 1, ctx.attr.optInt('block_size') ?? 0);
  if (typeof layout === 'string') ctx.fail(layout);
  if (Z && Z.dims.join(',') !== S.dims.join(',')) ctx.fail(`x_zero_point [${Z.dims.join(',')}] must have the shape of x_scale [${S.dims.join(',')}]`);
  const x = toFloat64(X);
  const s = toFloat64(S);
  const z = Z ? toFloat64(Z) : new Float64Array(s.length);
  const y = t === DataType.FLOAT ? new Float32Array(X.size) : new Float64Array(X.size);
  const { mode, outer, axisLen, inner, block } = layout;
  const blocks = block > 0 ? Math.ceil(axisLen / block) : 0;
  for (let o = 0; o < outer; o++) {
    for (let a = 0; a < axisLen; a++) {
      const base = (o * axisLen + a) * inner;
      const pBase = mode === 'tensor' ? 0 : mode === 'axis' ? a : (o * blocks + Math.floor(a / block)) * inner;
      const pStep = mode === 'block' ? 1 : 0;
      for (let i = 0, p = pBase; i < inner; i++, p += pStep) y[base + i] = (x[base + i]! - z[p]!) * s[p]!;
    }
  }
  return [tensorFromFloats(t, X.dims, y)];
}

export default defineOp({
  opType: 'DequantizeLinear',
  category: 'quantization',
  infer: inferDequantizeLinear,
  kernel: dequantizeLinearKernel,
  versions: [
    { since: 10, inputs: 'x:T, x_scale:tensor(float), x_zero_point?:T', outputs: 'y:tensor(float)', types: { T: 'int8 uint8 int32' } },
    { since: 13, inputs: 'x:T, x_scale:tensor(float), x_zero_point?:T', outputs: 'y:tensor(float)', attrs: { axis: 'int=1' }, types: { T: 'int8 uint8 int32' } },
    { since: 19, inputs: 'x:T1, x_scale:T2, x_zero_point?:T1', outputs: 'y:T2', attrs: { axis: 'int=1' }, types: { T1: 'int8 uint8 int32 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz', T2: 'float float16 bfloat16' } },
    { since: 21, inputs: 'x:T1, x_scale:T2, x_zero_point?:T1', outputs: 'y:T2', attrs: { axis: 'int=1', block_size: 'int=0' }, types: { T1: 'int8 uint8 int16 uint16 int32 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz uint4 int4', T2: 'float float16 bfloat16' } },
    { since: 23, inputs: 'x:T1, x_scale:T2, x_zero_point?:T1', outputs: 'y:T3', attrs: { axis: 'int=1', block_size: 'int=0', output_dtype: 'int=0' }, types: { T1: 'int8 uint8 int16 uint16 int32 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz uint4 int4 float4e2m1', T2: 'float float16 bfloat16', T3: 'float float16 bfloat16' } },
    { since: 24, inputs: 'x:T1, x_scale:T2, x_zero_point?:T1', outputs: 'y:T3', attrs: { axis: 'int=1', block_size: 'int=0', output_dtype: 'int=0' }, types: { T1: 'int8 uint8 int16 uint16 int32 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz uint4 int4 float4e2m1', T2: 'float float16 bfloat16 float8e8m0', T3: 'float float16 bfloat16' } },
    { since: 25, inputs: 'x:T1, x_scale:T2, x_zero_point?:T1', outputs: 'y:T3', attrs: { axis: 'int=1', block_size: 'int=0', output_dtype: 'int=0' }, types: { T1: 'int8 uint8 int16 uint16 int32 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz uint4 int4 float4e2m1 uint2 int2', T2: 'float float16 bfloat16 float8e8m0', T3: 'float float16 bfloat16' } },
  ],
});
