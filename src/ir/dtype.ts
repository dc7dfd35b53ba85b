/**
 * ONNX element types. Enum values are the ONNX ones (TensorProto.DataType), so conversion to
 * and from the wire format is a cast.
 *
 * In-memory layout of each type (what `Tensor.data()` returns):
 * - float32/float64/int8/16/32/uint8/16/32: the matching typed array;
 * - int64/uint64: BigInt64Array/BigUint64Array (exact);
 * - bool: Uint8Array of 0/1;
 * - float16, bfloat16: Uint16Array of raw bits; the float8 types and float8e8m0: Uint8Array bits;
 * - int4/int2: Int8Array, one element per byte; uint4/uint2/float4e2m1: Uint8Array, one per byte
 *   (unpacked on load, packed again on save);
 * - complex64/complex128: Float32Array/Float64Array of interleaved (re, im), 2 numbers per element;
 * - string: string[].
 */
export enum DataType {
  UNDEFINED = 0,
  FLOAT = 1,
  UINT8 = 2,
  INT8 = 3,
  UINT16 = 4,
  INT16 = 5,
  INT32 = 6,
  INT64 = 7,
  STRING = 8,
  BOOL = 9,
  FLOAT16 = 10,
  DOUBLE = 11,
  UINT32 = 12,
  UINT64 = 13,
  COMPLEX64 = 14,
  COMPLEX128 = 15,
  BFLOAT16 = 16,
  FLOAT8E4M3FN = 17,
  FLOAT8E4M3FNUZ = 18,
  FLOAT8E5M2 = 19,
  FLOAT8E5M2FNUZ = 20,
  UINT4 = 21,
  INT4 = 22,
  FLOAT4E2M1 = 23,
  FLOAT8E8M0 = 24,
  UINT2 = 25,
  INT2 = 26,
}

export type TypedArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

export type NumericArray = Exclude<TypedArray, BigInt64Array | BigUint64Array>;
export type TensorData = TypedArray | string[];

type ArrayCtor =
  | Float32ArrayConstructor
  | Float64ArrayConstructor
  | Int8ArrayConstructor
  | Uint8ArrayConstructor
  | Int16ArrayConstructor
  | Uint16ArrayConstructor
  | Int32ArrayConstructor
  | Uint32ArrayConstructor
  | BigInt64ArrayConstructor
  | BigUint64ArrayConstructor;

export interface DataTypeInfo {
  readonly type: DataType;
  /** Name used by the CLI and JSON (numpy-style where numpy has one). */
  readonly name: string;
  /** Name in ONNX type strings: tensor(float), tensor(int64) ... */
  readonly onnxName: string;
  /** Bits per element in raw_data (4 for int4, 64 for complex64 ...); 0 for string. */
  readonly bits: number;
  /** In-memory array constructor; undefined for string. */
  readonly array?: ArrayCtor;
  /** Numbers per element in memory (2 for complex). */
  readonly lanes: number;
  readonly isFloat: boolean;
  readonly isInt: boolean;
  readonly isSigned: boolean;
}

function info(
  type: DataType,
  name: string,
  onnxName: string,
  bits: number,
  array: ArrayCtor | undefined,
  kind: 'float' | 'int' | 'uint' | 'other',
  lanes = 1,
): DataTypeInfo {
  return {
    type,
    name,
    onnxName,
    bits,
    array,
    lanes,
    isFloat: kind === 'float',
    isInt: kind === 'int' || kind === 'uint',
    isSigned: kind === 'int' || kind === 'float',
  };
}

const INFOS: readonly DataTypeInfo[] = [
  info(DataType.UNDEFINED, 'undefined', 'undefined', 0, undefined, 'other'),
  info(DataType.FLOAT, 'float32', 'float', 32, Float32Array, 'float'),
  info(DataType.UINT8, 'uint8', 'uint8', 8, Uint8Array, 'uint'),
  info(DataType.INT8, 'int8', 'int8', 8, Int8Array, 'int'),
  info(DataType.UINT16, 'uint16', 'uint16', 16, Uint16Array, 'uint'),
  info(DataType.INT16, 'int16', 'int16', 16, Int16Array, 'int'),
  info(DataType.INT32, 'int32', 'int32', 32, Int32Array, 'int'),
  info(DataType.INT64, 'int64', 'int64', 64, BigInt64Array, 'int'),
  info(DataType.STRING, 'string', 'string', 0, undefined, 'other'),
  info(DataType.BOOL, 'bool', 'bool', 8, Uint8Array, 'other'),
  info(DataType.FLOAT16, 'float16', 'float16', 16, Uint16Array, 'float'),
  info(DataType.DOUBLE, 'float64', 'double', 64, Float64Array, 'float'),
  info(DataType.UINT32, 'uint32', 'uint32', 32, Uint32Array, 'uint'),
  info(DataType.UINT64, 'uint64', 'uint64', 64, BigUint64Array, 'uint'),
  info(DataType.COMPLEX64, 'complex64', 'complex64', 64, Float32Array, 'other', 2),
  info(DataType.COMPLEX128, 'complex128', 'complex128', 128, Float64Array, 'other', 2),
  info(DataType.BFLOAT16, 'bfloat16', 'bfloat16', 16, Uint16Array, 'float'),
  info(DataType.FLOAT8E4M3FN, 'float8e4m3fn', 'float8e4m3fn', 8, Uint8Array, 'float'),
  info(DataType.FLOAT8E4M3FNUZ, 'float8e4m3fnuz', 'float8e4m3fnuz', 8, Uint8Array, 'float'),
  info(DataType.FLOAT8E5M2, 'float8e5m2', 'float8e5m2', 8, Uint8Array, 'float'),
  info(DataType.FLOAT8E5M2FNUZ, 'float8e5m2fnuz', 'float8e5m2fnuz', 8, Uint8Array, 'float'),
  info(DataType.UINT4, 'uint4', 'uint4', 4, Uint8Array, 'uint'),
  info(DataType.INT4, 'int4', 'int4', 4, Int8Array, 'int'),
  info(DataType.FLOAT4E2M1, 'float4e2m1', 'float4e2m1', 4, Uint8Array, 'float'),
  info(DataType.FLOAT8E8M0, 'float8e8m0', 'float8e8m0', 8, Uint8Array, 'float'),
  info(DataType.UINT2, 'uint2', 'uint2', 2, Uint8Array, 'uint'),
  info(DataType.INT2, 'int2', 'int2', 2, Int8Array, 'int'),
];

const BY_NAME = new Map<string, DataType>();
for (const i of INFOS) {
  BY_NAME.set(i.name, i.type);
  BY_NAME.set(i.onnxName, i.type);
}
for (const [alias, t] of [
  ['float', DataType.FLOAT],
  ['double', DataType.DOUBLE],
  ['half', DataType.FLOAT16],
  ['f32', DataType.FLOAT],
  ['f64', DataType.DOUBLE],
  ['f16', DataType.FLOAT16],
  ['i8', DataType.INT8],
  ['i16', DataType.INT16],
  ['i32', DataType.INT32],
  ['i64', DataType.INT64],
  ['u8', DataType.UINT8],
  ['u16', DataType.UINT16],
  ['u32', DataType.UINT32],
  ['u64', DataType.UINT64],
] as const) {
  BY_NAME.set(alias, t);
}

/** Whether `t` is an element type this tool knows. */
export function isKnownDataType(t: number): t is DataType {
  return Number.isInteger(t) && t > 0 && t < INFOS.length;
}

export function dtypeInfo(t: DataType): DataTypeInfo {
  return INFOS[t] ?? INFOS[0]!;
}

/** CLI/JSON name of a type ('float32', 'int64' ...); 'dtype(99)' for an unknown code. */
export function dtypeName(t: DataType): string {
  return isKnownDataType(t) ? INFOS[t]!.name : t === 0 ? 'undefined' : `dtype(${t})`;
}

/** Parses a CLI/JSON dtype name or alias; undefined when unknown. */
export function parseDtype(name: string): DataType | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** Bytes needed to store `count` elements in ONNX raw_data (sub-byte types packed). */
export function rawByteLength(t: DataType, count: number): number {
  const bits = dtypeInfo(t).bits;
  return Math.ceil((count * bits) / 8);
}

/** A new zero-filled array for `count` elements of type `t`. */
export function allocData(t: DataType, count: number): TensorData {
  const i = dtypeInfo(t);
  if (t === DataType.STRING) return new Array<string>(count).fill('');
  if (!i.array) throw new RangeError(`cannot allocate data of type ${dtypeName(t)}`);
  return new i.array(count * i.lanes);
}

export function isBigIntType(t: DataType): boolean {
  return t === DataType.INT64 || t === DataType.UINT64;
}
