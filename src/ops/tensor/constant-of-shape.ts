import { defineOp } from '../define.js';
import { allocData, DataType, dtypeInfo } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { knownDims, staticLength, unknownDims } from '../helpers/const-input.js';
import { sizeOf, toInts } from '../helpers/convert.js';
import { fillElement, firstElement } from '../helpers/layout.js';
import type { AttrReader } from '../attr-reader.js';
import type { InferContext, KernelContext } from '../types.js';

/** The fill value: the one-element `value` attribute, or float32 0. */
function fillValue(attr: AttrReader, fail: (m: string) => never): Tensor {
  const v = attr.optTensor('value');
  if (!v) return Tensor.fromData(DataType.FLOAT, [1], new Float32Array(1));
  if (v.size !== 1) fail(`value must hold one element, got shape [${v.dims.join(',')}]`);
  return v;
}

/** A tensor of the shape given by the input's values, filled with `value`. */
function inferConstantOfShape(ctx: InferContext): (ValueType | undefined)[] {
  const v = fillValue(ctx.attr, (m) => ctx.fail(m));
  const dims = knownDims(ctx, 0);
  if (dims) {
    for (const d of dims) if (typeof d === 'number' && d < 0) ctx.fail(`shape has a negative dim ${d}`);
    // A small vector of a dim-like value (ones for a Reshape / Expand target) has known elements.
    const elem = dims.length === 1 && typeof dims[0] === 'number' && dims[0] <= 64 && dtypeInfo(v.dtype).isInt ? Number(firstElement(v)) : undefined;
    if (elem !== undefined) ctx.setSymbolic(0, new Array(dims[0] as number).fill(elem));
    return [tensorType(v.dtype, dims)];
  }
  const n = staticLength(ctx, 0);
  return [tensorType(v.dtype, n === undefined ? undefined : unknownDims(n))];
}

function constantOfShapeKernel(ctx: KernelContext) {
  const v = fillValue(ctx.attr, (m) => ctx.fail(m));
  const dims = toInts(ctx.input(0));
  if (dims.some((d) => d < 0)) ctx.fail(`shape [${dims.join(',')}] has a negative dim`);
  const lanes = dtypeInfo(v.dtype).lanes;
  const n = sizeOf(dims);
  const out = allocData(v.dtype, n);
  fillElement(out, v.data(), 0, lanes);
  return [Tensor.fromData(v.dtype, dims, out)];
}

export default defineOp({
  opType: 'ConstantOfShape',
  category: 'tensor',
  infer: inferConstantOfShape,
  kernel: constantOfShapeKernel,
  flops: () => 0,
  versions: [
    { since: 9, inputs: 'input:T1', outputs: 'output:T2', attrs: { value: 'tensor' }, types: { T1: 'int64', T2: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 bool' } },
    { since: 20, inputs: 'input:T1', outputs: 'output:T2', attrs: { value: 'tensor' }, types: { T1: 'int64', T2: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 bool bfloat16 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz' } },
    { since: 21, inputs: 'input:T1', outputs: 'output:T2', attrs: { value: 'tensor' }, types: { T1: 'int64', T2: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 uint4 int4 bool bfloat16 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz' } },
    { since: 23, inputs: 'input:T1', outputs: 'output:T2', attrs: { value: 'tensor' }, types: { T1: 'int64', T2: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 uint4 int4 bool bfloat16 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz float4e2m1' } },
    { since: 24, inputs: 'input:T1', outputs: 'output:T2', attrs: { value: 'tensor' }, types: { T1: 'int64', T2: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 uint4 int4 bool bfloat16 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz float4e2m1 float8e8m0' } },
    { since: 25, inputs: 'input:T1', outputs: 'output:T2', attrs: { value: 'tensor' }, types: { T1: 'int64', T2: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 uint4 int4 bool bfloat16 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz float4e2m1 float8e8m0 uint2 int2' } },
  ],
});
