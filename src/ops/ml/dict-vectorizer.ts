import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { encodeFloats } from '../helpers/convert.js';
import { mapKey } from '../helpers/ml.js';
import type { AttrReader } from '../attr-reader.js';
import type { InferContext, KernelContext } from '../types.js';
import { MapValue } from '../values.js';

function vocabularyOf(attr: AttrReader, fail: (m: string) => never): (number | bigint | string)[] {
  const s = attr.optStrings('string_vocabulary');
  const i = attr.optInts('int64_vocabulary');
  if ((s && s.length > 0) === (i && i.length > 0)) fail('exactly one of string_vocabulary and int64_vocabulary must be given');
  return s && s.length > 0 ? s : i!.map((v) => mapKey(BigInt(v)));
}

/** [1, vocabulary size] of the map's value type. */
function inferDictVectorizer(ctx: InferContext): (ValueType | undefined)[] {
  const v = vocabularyOf(ctx.attr, (m) => ctx.fail(m));
  const x = ctx.input(0).type;
  if (x && x.kind !== 'map') ctx.fail(`X should be a map, got a ${x.kind}`);
  const value = x?.kind === 'map' && x.value?.kind === 'tensor' ? x.value.elemType : DataType.UNDEFINED;
  return [tensorType(value, [1, v.length])];
}

function dictVectorizerKernel(ctx: KernelContext) {
  const vocab = vocabularyOf(ctx.attr, (m) => ctx.fail(m));
  const x = ctx.inputs[0];
  if (!(x instanceof MapValue)) ctx.fail('X should be a map');
  const first = x.entries.values().next().value;
  const declared = x.valueType?.kind === 'tensor' ? x.valueType.elemType : DataType.UNDEFINED;
  const dtype = first instanceof Tensor ? first.dtype : declared || DataType.FLOAT;
  const get = (k: number | bigint | string) => {
    const v = x.entries.get(k);
    return v instanceof Tensor ? v.data()[0] : undefined;
  };
  if (dtype === DataType.STRING) return [Tensor.fromData(dtype, [1, vocab.length], vocab.map((k) => (get(k) as string | undefined) ?? ''))];
  if (dtype === DataType.INT64) return [Tensor.fromData(dtype, [1, vocab.length], BigInt64Array.from(vocab, (k) => BigInt((get(k) as bigint | undefined) ?? 0n)))];
  return [Tensor.fromData(dtype, [1, vocab.length], encodeFloats(dtype, vocab.map((k) => Number(get(k) ?? 0))))];
}

/** Lays a map's values out along its vocabulary: [1, V], zero (or "") for keys the map lacks. */
export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'DictVectorizer',
  category: 'ml',
  infer: inferDictVectorizer,
  kernel: dictVectorizerKernel,
  versions: [
    { since: 1, inputs: 'X:T1', outputs: 'Y:T2', attrs: { int64_vocabulary: 'ints', string_vocabulary: 'strings' }, types: { T1: 'map(string,int64) map(int64,string) map(int64,float) map(int64,double) map(string,float) map(string,double)', T2: 'int64 float double string' } },
  ],
});
