import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, typeString, type ValueType } from '../../ir/types.js';
import type { InferContext, KernelContext } from '../types.js';

/** Strings become int64 and int64 become strings; the shape is kept. */
function inferCategoryMapper(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  if (x.elemType && x.elemType !== DataType.STRING && x.elemType !== DataType.INT64) ctx.fail(`X should be string or int64, got ${typeString(x.type)}`);
  const out = x.elemType === DataType.STRING ? DataType.INT64 : x.elemType === DataType.INT64 ? DataType.STRING : DataType.UNDEFINED;
  return [tensorType(out, x.shape)];
}

function categoryMapperKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  const ints = ctx.attr.optInts('cats_int64s') ?? [];
  const strs = ctx.attr.optStrings('cats_strings') ?? [];
  if (ints.length !== strs.length) ctx.fail(`cats_int64s has ${ints.length} entries but cats_strings has ${strs.length}`);
  if (x.dtype === DataType.STRING) {
    const map = new Map<string, bigint>();
    strs.forEach((s, i) => map.set(s, BigInt(ints[i]!)));
    const def = BigInt(ctx.attr.int('default_int64'));
    const d = x.data() as string[];
    return [Tensor.fromData(DataType.INT64, x.dims, BigInt64Array.from(d, (s) => map.get(s) ?? def))];
  }
  if (x.dtype !== DataType.INT64) ctx.fail('X should be string or int64');
  const map = new Map<bigint, string>();
  ints.forEach((v, i) => map.set(BigInt(v), strs[i]!));
  const def = ctx.attr.string('default_string');
  const d = x.data() as BigInt64Array;
  return [Tensor.fromData(DataType.STRING, x.dims, Array.from(d, (v) => map.get(v) ?? def))];
}

/** Maps strings to integers or integers to strings through the parallel lists cats_strings / cats_int64s. */
export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'CategoryMapper',
  category: 'ml',
  infer: inferCategoryMapper,
  kernel: categoryMapperKernel,
  versions: [
    { since: 1, inputs: 'X:T1', outputs: 'Y:T2', attrs: { cats_int64s: 'ints', cats_strings: 'strings', default_int64: 'int=-1', default_string: 'string=_Unused' }, types: { T1: 'string int64', T2: 'string int64' } },
  ],
});
