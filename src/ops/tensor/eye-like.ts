import { defineOp } from '../define.js';
import { allocData, DataType, isKnownDataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { encodeFloats } from '../helpers/convert.js';
import type { AttrReader } from '../attr-reader.js';
import type { InferContext, KernelContext } from '../types.js';

function outType(attr: AttrReader, input: DataType, fail: (m: string) => never): DataType {
  const t = attr.optInt('dtype');
  if (t === undefined) return input;
  if (!isKnownDataType(t) || t === DataType.STRING) return fail(`dtype ${t} is not a numeric data type`);
  return t;
}

/** A 2-D tensor of the input's shape with ones on diagonal k and zeros elsewhere. */
function inferEyeLike(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  if (x.shape && x.shape.length !== 2) ctx.fail(`input must be 2-D, got rank ${x.shape.length}`);
  return [tensorType(outType(ctx.attr, x.elemType, (m) => ctx.fail(m)), x.shape ?? [null, null])];
}

function eyeLikeKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  if (x.rank !== 2) ctx.fail(`input must be 2-D, got rank ${x.rank}`);
  const t = outType(ctx.attr, x.dtype, (m) => ctx.fail(m));
  const [rows, cols] = x.dims as [number, number];
  const k = ctx.attr.int('k');
  const out = allocData(t, rows * cols) as Float64Array;
  const one = encodeFloats(t, [1])[0]! as number;
  for (let i = Math.max(0, -k); i < rows && i + k < cols; i++) out[i * cols + i + k] = one;
  return [Tensor.fromData(t, x.dims, out)];
}

export default defineOp({
  opType: 'EyeLike',
  category: 'tensor',
  infer: inferEyeLike,
  kernel: eyeLikeKernel,
  flops: () => 0,
  versions: [
    { since: 9, inputs: 'input:T1', outputs: 'output:T2', attrs: { dtype: 'int', k: 'int=0' }, types: { T1: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 bool', T2: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 bool' } },
    { since: 22, inputs: 'input:T1', outputs: 'output:T2', attrs: { dtype: 'int', k: 'int=0' }, types: { T1: 'uint8 uint16 uint32 uint64 int8 int16 int32 int64 bfloat16 float16 float double bool', T2: 'uint8 uint16 uint32 uint64 int8 int16 int32 int64 bfloat16 float16 float double bool' } },
  ],
});
