/**
 * Runtime values <-> their protobuf files: TensorProto, SequenceProto, OptionalProto and MapProto
 * (the ONNX test-data layout, input_N.pb / output_N.pb).
 */
import { DataType } from '../ir/dtype.js';
import { Tensor } from '../ir/tensor.js';
import type { ValueType } from '../ir/types.js';
import { MapValue, OptionalValue, SequenceValue, type RtValue } from '../ops/values.js';
import { OnnxError, messageOf } from '../util/errors.js';
import { tensorFromProto, typeFromProto } from './from-proto.js';
import { intOrBig, toInt64 } from './int64.js';
import { onnx } from './proto.js';
import type { DecodedTensorProto } from './tensor-codec.js';
import { tensorToProto } from './to-proto.js';

/** Which message a .pb file holds; chosen from the type the model expects there. */
export type ValueProtoKind = 'tensor' | 'sequence' | 'optional' | 'map';

export function protoKindFor(t: ValueType | undefined): ValueProtoKind {
  switch (t?.kind) {
    case 'sequence':
      return 'sequence';
    case 'optional':
      return 'optional';
    case 'map':
      return 'map';
    default:
      return 'tensor';
  }
}

function fromSequence(p: onnx.ISequenceProto, declared?: ValueType): SequenceValue {
  const elem = declared?.kind === 'sequence' ? declared.elem : undefined;
  const items: RtValue[] = [];
  for (const t of p.tensorValues ?? []) items.push(tensorFromProto(t as DecodedTensorProto));
  for (const s of p.sequenceValues ?? []) items.push(fromSequence(s, elem));
  for (const o of p.optionalValues ?? []) items.push(fromOptional(o, elem));
  for (const m of p.mapValues ?? []) items.push(fromMap(m));
  return new SequenceValue(elem ?? (items[0] ? undefined : undefined), items);
}

function fromOptional(p: onnx.IOptionalProto, declared?: ValueType): OptionalValue {
  const elem = declared?.kind === 'optional' ? declared.elem : undefined;
  let v: RtValue | undefined;
  if (p.tensorValue) v = tensorFromProto(p.tensorValue as DecodedTensorProto);
  else if (p.sequenceValue) v = fromSequence(p.sequenceValue, elem);
  else if (p.optionalValue) v = fromOptional(p.optionalValue, elem);
  else if (p.mapValue) v = fromMap(p.mapValue);
  return new OptionalValue(elem, v);
}

function fromMap(p: onnx.IMapProto): MapValue {
  const keyType = (p.keyType ?? 0) as DataType;
  const keys: (number | bigint | string)[] =
    keyType === DataType.STRING
      ? (p.stringKeys ?? []).map((b) => new TextDecoder().decode(b))
      : (p.keys ?? []).map((k) => intOrBig(k as never));
  const values = p.values ? fromSequence(p.values).items : [];
  return new MapValue(keyType, undefined, new Map(keys.map((k, i) => [k, values[i]!])));
}

/** Decodes a value file. `declared` (the model's type at that place) picks the message kind. */
export function decodeValue(bytes: Uint8Array, declared?: ValueType, file = '<bytes>'): RtValue {
  const kind = protoKindFor(declared);
  try {
    switch (kind) {
      case 'sequence':
        return fromSequence(onnx.SequenceProto.decode(bytes), declared);
      case 'optional':
        return fromOptional(onnx.OptionalProto.decode(bytes), declared);
      case 'map':
        return fromMap(onnx.MapProto.decode(bytes));
      default:
        return asDeclaredBits(tensorFromProto(onnx.TensorProto.decode(bytes) as unknown as DecodedTensorProto), declared);
    }
  } catch (e) {
    if (e instanceof OnnxError) throw e;
    throw new OnnxError('E_TENSOR_FILE', `"${file}" is not a valid ${kind} protobuf: ${messageOf(e)}`, { path: file });
  }
}

/** Narrow float types that numpy-based writers store as the unsigned integer of the same width. */
const BIT_TWINS: Partial<Record<DataType, DataType>> = {
  [DataType.BFLOAT16]: DataType.UINT16,
  [DataType.FLOAT8E4M3FN]: DataType.UINT8,
  [DataType.FLOAT8E4M3FNUZ]: DataType.UINT8,
  [DataType.FLOAT8E5M2]: DataType.UINT8,
  [DataType.FLOAT8E5M2FNUZ]: DataType.UINT8,
  [DataType.FLOAT8E8M0]: DataType.UINT8,
};

/**
 * numpy has no bfloat16 or float8, so test data for them (ONNX's own backend cases included) is
 * written as uint16/uint8 holding the bits. Where the model expects the narrow float type, the
 * bits are read as that type; nothing else is reinterpreted.
 */
function asDeclaredBits(t: Tensor, declared: ValueType | undefined): Tensor {
  if (declared?.kind !== 'tensor' || BIT_TWINS[declared.elemType] !== t.dtype) return t;
  const out = Tensor.fromData(declared.elemType, t.dims, t.data());
  out.name = t.name;
  return out;
}

/** The declared type of a .pb file's content, when the file carries one. */
export function typeOfDecoded(t: onnx.ITypeProto): ValueType {
  return typeFromProto(t);
}

/** Encodes a tensor as a TensorProto file. */
export function encodeTensor(t: Tensor, name = t.name): Uint8Array {
  return onnx.TensorProto.encode(tensorToProto(t, name) as onnx.ITensorProto).finish();
}

/** Encodes any runtime value as its protobuf message. */
export function encodeValue(v: RtValue, name = ''): Uint8Array {
  if (v instanceof Tensor) return encodeTensor(v, name);
  if (v instanceof SequenceValue) return onnx.SequenceProto.encode(sequenceProto(v, name)).finish();
  if (v instanceof OptionalValue) return onnx.OptionalProto.encode(optionalProto(v, name)).finish();
  return onnx.MapProto.encode(mapProto(v, name)).finish();
}

function sequenceProto(v: SequenceValue, name: string): onnx.ISequenceProto {
  const p: onnx.ISequenceProto = { name, elemType: 1 };
  const first = v.items[0];
  if (!first || first instanceof Tensor) {
    p.elemType = 1;
    p.tensorValues = v.items.map((t) => tensorToProto(t as Tensor) as onnx.ITensorProto);
  } else if (first instanceof SequenceValue) {
    p.elemType = 3;
    p.sequenceValues = v.items.map((s) => sequenceProto(s as SequenceValue, ''));
  } else if (first instanceof OptionalValue) {
    p.elemType = 5;
    p.optionalValues = v.items.map((o) => optionalProto(o as OptionalValue, ''));
  } else {
    p.elemType = 4;
    p.mapValues = v.items.map((m) => mapProto(m as MapValue, ''));
  }
  return p;
}

function optionalProto(v: OptionalValue, name: string): onnx.IOptionalProto {
  const p: onnx.IOptionalProto = { name };
  const x = v.value;
  if (x instanceof Tensor) {
    p.elemType = 1;
    p.tensorValue = tensorToProto(x) as onnx.ITensorProto;
  } else if (x instanceof SequenceValue) {
    p.elemType = 3;
    p.sequenceValue = sequenceProto(x, '');
  } else if (x instanceof OptionalValue) {
    p.elemType = 5;
    p.optionalValue = optionalProto(x, '');
  } else if (x instanceof MapValue) {
    p.elemType = 4;
    p.mapValue = mapProto(x, '');
  }
  return p;
}

function mapProto(v: MapValue, name: string): onnx.IMapProto {
  const keys = [...v.entries.keys()];
  const p: onnx.IMapProto = { name, keyType: v.keyType };
  if (v.keyType === DataType.STRING) p.stringKeys = keys.map((k) => new TextEncoder().encode(String(k)));
  else p.keys = keys.map((k) => toInt64(typeof k === 'string' ? Number(k) : k));
  p.values = sequenceProto(new SequenceValue(v.valueType, [...v.entries.values()]), '');
  return p;
}
