import type { Graph } from './graph.js';
import type { SparseTensor } from './sparse.js';
import type { Tensor } from './tensor.js';
import type { ValueType } from './types.js';

/** AttributeProto.AttributeType; values are the ONNX ones. */
export enum AttrType {
  UNDEFINED = 0,
  FLOAT = 1,
  INT = 2,
  STRING = 3,
  TENSOR = 4,
  GRAPH = 5,
  FLOATS = 6,
  INTS = 7,
  STRINGS = 8,
  TENSORS = 9,
  GRAPHS = 10,
  SPARSE_TENSOR = 11,
  SPARSE_TENSORS = 12,
  TYPE_PROTO = 13,
  TYPE_PROTOS = 14,
}

const ATTR_TYPE_NAMES: Record<AttrType, string> = {
  [AttrType.UNDEFINED]: 'undefined',
  [AttrType.FLOAT]: 'float',
  [AttrType.INT]: 'int',
  [AttrType.STRING]: 'string',
  [AttrType.TENSOR]: 'tensor',
  [AttrType.GRAPH]: 'graph',
  [AttrType.FLOATS]: 'floats',
  [AttrType.INTS]: 'ints',
  [AttrType.STRINGS]: 'strings',
  [AttrType.TENSORS]: 'tensors',
  [AttrType.GRAPHS]: 'graphs',
  [AttrType.SPARSE_TENSOR]: 'sparse_tensor',
  [AttrType.SPARSE_TENSORS]: 'sparse_tensors',
  [AttrType.TYPE_PROTO]: 'type_proto',
  [AttrType.TYPE_PROTOS]: 'type_protos',
};

export function attrTypeName(t: AttrType): string {
  return ATTR_TYPE_NAMES[t] ?? `attr(${t})`;
}

/**
 * The value of an attribute, by type. INT is a number, or a bigint only when the int64 does not
 * fit a double exactly (INT64_MAX as a Slice end, say); INTS likewise is number[] unless some
 * element needs a bigint. Use `attrInt`/`attrInts` to read them as numbers.
 */
export type AttrValue =
  | number
  | bigint
  | string
  | Tensor
  | Graph
  | SparseTensor
  | ValueType
  | number[]
  | bigint[]
  | string[]
  | Tensor[]
  | Graph[]
  | SparseTensor[]
  | ValueType[]
  | undefined;

export interface Attribute {
  name: string;
  type: AttrType;
  /** undefined only for a reference attribute (refAttrName set) or an UNDEFINED attribute. */
  value: AttrValue;
  /** Inside a function body: the function attribute this one takes its value from. */
  refAttrName?: string;
  docString?: string;
  /** False when the file had no `type` field (very old models); kept for round trips. */
  typeInFile?: boolean;
  /** Raw bytes of STRING/STRINGS values that are not valid UTF-8, kept for round trips. */
  rawStrings?: Uint8Array[];
}

/** An attribute value given in code: numbers, strings, arrays, tensors, graphs. */
export type AttrInit = Exclude<AttrValue, undefined> | boolean;

/** Reads an INT attribute value as a number (bigints beyond 2^53 become the nearest double). */
export function attrNumber(v: AttrValue): number {
  return typeof v === 'bigint' ? Number(v) : (v as number);
}

/** Reads an INTS/FLOATS attribute value as numbers. */
export function attrNumbers(v: AttrValue): number[] {
  const a = v as (number | bigint)[];
  return a.length > 0 && typeof a[0] === 'bigint' ? a.map(Number) : (a as number[]);
}
