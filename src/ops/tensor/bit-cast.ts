import { defineOp } from '../define.js';
import { DataType, dtypeInfo, dtypeName, isKnownDataType } from '../../ir/dtype.js';
import { decodeRaw, Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import type { InferContext } from '../types.js';

/** The target type; it must be a non-string type of the input's bit width. */
function bitCastTarget(to: number, from: DataType, fail: (m: string) => never): DataType {
  if (!isKnownDataType(to) || to === DataType.STRING) return fail(`"to" is ${to}, not a non-string data type`);
  if (from && from !== DataType.STRING && dtypeInfo(from).bits !== dtypeInfo(to).bits) {
    fail(`${dtypeName(from)} (${dtypeInfo(from).bits} bits) and ${dtypeName(to)} (${dtypeInfo(to).bits} bits) differ in width`);
  }
  return to;
}

/** The same bits (little-endian) read as type `to`; same shape. */
function inferBitCast(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  if (x.elemType === DataType.STRING) ctx.fail('strings cannot be bitcast');
  return [tensorType(bitCastTarget(ctx.attr.int('to'), x.elemType, (m) => ctx.fail(m)), x.shape)];
}

export default defineOp({
  opType: 'BitCast',
  category: 'tensor',
  infer: inferBitCast,
  kernel(ctx) {
    const x = ctx.input(0);
    if (x.dtype === DataType.STRING) ctx.fail('strings cannot be bitcast');
    const to = bitCastTarget(ctx.attr.int('to'), x.dtype, (m) => ctx.fail(m));
    return [Tensor.fromData(to, x.dims, decodeRaw(to, x.size, x.toRaw().slice()))];
  },
  flops: () => 0,
  versions: [
    { since: 26, inputs: 'input:T1', outputs: 'output:T2', attrs: { to: 'int!' }, types: { T1: 'uint8 uint16 uint32 uint64 int8 int16 int32 int64 bfloat16 float16 float double bool complex64 complex128 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz uint4 int4 float4e2m1 float8e8m0 uint2 int2', T2: 'uint8 uint16 uint32 uint64 int8 int16 int32 int64 bfloat16 float16 float double bool complex64 complex128 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz uint4 int4 float4e2m1 float8e8m0 uint2 int2' } },
  ],
});
