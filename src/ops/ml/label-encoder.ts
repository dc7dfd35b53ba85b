import { defineOp } from '../define.js';
import { DataType, allocData, dtypeName } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, typeString, type ValueType } from '../../ir/types.js';
import type { AttrReader } from '../attr-reader.js';
import type { InferContext, KernelContext } from '../types.js';

type Scalar = number | bigint | string;

/** One side of the mapping: its element type and entries. */
interface Column {
  type: DataType;
  items: Scalar[];
}

/** keys_* / values_* from the list attributes or (v4) the tensor attribute; exactly one must be set. */
function columnOf(attr: AttrReader, side: 'keys' | 'values', withTensor: boolean, fail: (m: string) => never): Column {
  const found: Column[] = [];
  const t = withTensor ? attr.optTensor(`${side}_tensor`) : undefined;
  if (t) {
    if (t.rank !== 1) fail(`${side}_tensor should be 1-D, got shape [${t.dims.join(',')}]`);
    found.push({ type: t.dtype, items: Array.from(t.data() as ArrayLike<Scalar>) });
  }
  if (attr.has(`${side}_strings`)) found.push({ type: DataType.STRING, items: attr.strings(`${side}_strings`) });
  if (attr.has(`${side}_int64s`)) found.push({ type: DataType.INT64, items: attr.ints(`${side}_int64s`).map((v) => BigInt(v)) });
  if (attr.has(`${side}_floats`)) found.push({ type: DataType.FLOAT, items: attr.floats(`${side}_floats`).map((v) => Math.fround(v)) });
  if (found.length !== 1) fail(`exactly one of the ${side}_* attributes must be set, got ${found.length}`);
  return found[0]!;
}

/** The value for inputs not among the keys: default_tensor (v4), else default_* of the values' type. */
function defaultOf(attr: AttrReader, type: DataType, withTensor: boolean, fail: (m: string) => never): Scalar {
  const t = withTensor ? attr.optTensor('default_tensor') : undefined;
  if (t) {
    if (t.size !== 1) fail(`default_tensor should hold one value, got shape [${t.dims.join(',')}]`);
    if (t.dtype !== type) fail(`default_tensor is ${dtypeName(t.dtype)} but the values are ${dtypeName(type)}`);
    return t.data()[0]!;
  }
  switch (type) {
    case DataType.STRING:
      return attr.string('default_string');
    case DataType.FLOAT:
    case DataType.DOUBLE:
      return attr.float('default_float');
    case DataType.INT64:
      return BigInt(attr.int('default_int64'));
    default:
      return attr.int('default_int64');
  }
}

interface Mapping {
  keys: Column;
  values: Column;
  fallback: Scalar;
}

function mappingV1(attr: AttrReader, input: DataType): Mapping {
  const classes = attr.optStrings('classes_strings') ?? [];
  const index = classes.map((_, i) => BigInt(i));
  if (input === DataType.STRING) {
    return { keys: { type: DataType.STRING, items: classes }, values: { type: DataType.INT64, items: index }, fallback: BigInt(attr.int('default_int64')) };
  }
  return { keys: { type: DataType.INT64, items: index }, values: { type: DataType.STRING, items: classes }, fallback: attr.string('default_string') };
}

function mapping(attr: AttrReader, opsetV4: boolean, fail: (m: string) => never): Mapping {
  const keys = columnOf(attr, 'keys', opsetV4, fail);
  const values = columnOf(attr, 'values', opsetV4, fail);
  if (keys.items.length !== values.items.length) fail(`has ${keys.items.length} keys but ${values.items.length} values`);
  return { keys, values, fallback: defaultOf(attr, values.type, opsetV4, fail) };
}

function inferWith(get: (ctx: InferContext) => Mapping) {
  return function infer(ctx: InferContext): (ValueType | undefined)[] {
    const x = ctx.input(0);
    const m = get(ctx);
    if (x.elemType && x.elemType !== m.keys.type) ctx.fail(`X is ${typeString(x.type)} but the keys are ${dtypeName(m.keys.type)}`);
    return [tensorType(m.values.type, x.shape)];
  };
}

/** Keys as the input's elements compare: numbers for float types and int32/int16, bigints for int64. */
function keyOf(v: Scalar, type: DataType): Scalar {
  if (type === DataType.INT64) return typeof v === 'bigint' ? v : BigInt(v as number);
  if (type === DataType.STRING) return v;
  return Number(v);
}

function kernelWith(get: (ctx: KernelContext) => Mapping) {
  return function kernel(ctx: KernelContext) {
    const x = ctx.input(0);
    const m = get(ctx);
    if (x.dtype !== m.keys.type) ctx.fail(`X is ${dtypeName(x.dtype)} but the keys are ${dtypeName(m.keys.type)}`);
    // Map compares with SameValueZero: NaN keys match NaN inputs; a repeated key keeps its last value.
    const table = new Map<Scalar, Scalar>();
    m.keys.items.forEach((k, i) => table.set(keyOf(k, x.dtype), m.values.items[i]!));
    const src = x.data() as ArrayLike<Scalar>;
    const out = allocData(m.values.type, src.length) as unknown as Scalar[];
    const big = m.values.type === DataType.INT64;
    for (let i = 0; i < src.length; i++) {
      const v = table.get(src[i]!) ?? m.fallback;
      out[i] = big ? (typeof v === 'bigint' ? v : BigInt(v as number)) : typeof v === 'bigint' ? Number(v) : v;
    }
    return [Tensor.fromData(m.values.type, x.dims, out as unknown as ReturnType<typeof allocData>)];
  };
}

const v1Infer = inferWith((ctx) => mappingV1(ctx.attr, ctx.input(0).elemType || DataType.STRING));
const v1Kernel = kernelWith((ctx) => mappingV1(ctx.attr, ctx.input(0).dtype));
const v2Infer = inferWith((ctx) => mapping(ctx.attr, false, (m) => ctx.fail(m)));
const v2Kernel = kernelWith((ctx) => mapping(ctx.attr, false, (m) => ctx.fail(m)));
const v4Infer = inferWith((ctx) => mapping(ctx.attr, true, (m) => ctx.fail(m)));
const v4Kernel = kernelWith((ctx) => mapping(ctx.attr, true, (m) => ctx.fail(m)));

/**
 * Maps each element through parallel key and value lists (v1: strings to their index in
 * classes_strings and back); elements not among the keys take the default.
 */
export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'LabelEncoder',
  category: 'ml',
  versions: [
    { since: 1, inputs: 'X:T1', outputs: 'Y:T2', attrs: { classes_strings: 'strings', default_int64: 'int=-1', default_string: 'string=_Unused' }, types: { T1: 'string int64', T2: 'string int64' }, infer: v1Infer, kernel: v1Kernel },
    { since: 2, inputs: 'X:T1', outputs: 'Y:T2', attrs: { default_float: 'float=-0.0', default_int64: 'int=-1', default_string: 'string=_Unused', keys_floats: 'floats', keys_int64s: 'ints', keys_strings: 'strings', values_floats: 'floats', values_int64s: 'ints', values_strings: 'strings' }, types: { T1: 'string int64 float', T2: 'string int64 float' }, infer: v2Infer, kernel: v2Kernel },
    { since: 4, inputs: 'X:T1', outputs: 'Y:T2', attrs: { default_float: 'float=-0.0', default_int64: 'int=-1', default_string: 'string=_Unused', default_tensor: 'tensor', keys_floats: 'floats', keys_int64s: 'ints', keys_strings: 'strings', keys_tensor: 'tensor', values_floats: 'floats', values_int64s: 'ints', values_strings: 'strings', values_tensor: 'tensor' }, types: { T1: 'string int64 float int32 int16 double', T2: 'string int64 float int32 int16 double' }, infer: v4Infer, kernel: v4Kernel },
  ],
});
