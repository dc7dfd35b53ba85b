/**
 * Hand-written TensorProto decoder and encoder, installed over the generated ones.
 *
 * Why: the generated code reads packed `float_data`/`int64_data` into arrays of JS numbers or
 * Long objects (5x the memory, ~0.2 s per 48 MB) and writes BigInt64Array elements as zero.
 * Here packed fields go straight into typed arrays, int64 stays exact (BigInt64Array, decoded
 * through 32-bit halves without per-element BigInt arithmetic), and `raw_data` stays a view of
 * the file buffer (no copy).
 */
import protobuf from 'protobufjs/minimal.js';
import { onnx } from '../../proto/onnx.js';

type Reader = protobuf.Reader;
type Writer = protobuf.Writer;

/** The decoded TensorProto as the IR converter sees it (typed arrays instead of number[]). */
export interface DecodedTensorProto {
  dims: unknown[];
  dataType: number;
  segment?: onnx.TensorProto.ISegment | null;
  floatData?: Float32Array;
  int32Data?: Int32Array;
  stringData?: Uint8Array[];
  int64Data?: BigInt64Array;
  name?: string;
  docString?: string;
  rawData?: Uint8Array;
  externalData?: onnx.IStringStringEntryProto[];
  dataLocation?: number;
  doubleData?: Float64Array;
  uint64Data?: BigUint64Array;
  metadataProps?: onnx.IStringStringEntryProto[];
}

function concat<T extends Float32Array | Float64Array | Int32Array | BigInt64Array | BigUint64Array>(
  prev: T | undefined,
  next: T,
): T {
  if (!prev || prev.length === 0) return next;
  const Ctor = next.constructor as new (n: number) => T;
  const out = new Ctor(prev.length + next.length);
  (out as unknown as { set(a: T, o?: number): void }).set(prev);
  (out as unknown as { set(a: T, o?: number): void }).set(next, prev.length);
  return out;
}

/** Copies `len` bytes at the reader position into a fresh (aligned) typed array. */
function readFixed<T extends Float32Array | Float64Array>(
  reader: Reader,
  len: number,
  Ctor: { new (n: number): T; BYTES_PER_ELEMENT: number },
): T {
  const start = reader.pos;
  const end = start + len;
  if (end > reader.len) throw new RangeError(`index out of range: ${end} > ${reader.len}`);
  const out = new Ctor(Math.floor(len / Ctor.BYTES_PER_ELEMENT));
  new Uint8Array(out.buffer).set(reader.buf.subarray(start, start + out.byteLength));
  reader.pos = end;
  return out;
}

/** Reads a packed run of varints into 32-bit halves (lo, hi) of a new 64-bit array. */
function readVarints64(reader: Reader, len: number, signed: boolean): BigInt64Array | BigUint64Array {
  const buf = reader.buf;
  const start = reader.pos;
  const end = start + len;
  if (end > reader.len) throw new RangeError(`index out of range: ${end} > ${reader.len}`);
  let count = 0;
  for (let p = start; p < end; p++) if (buf[p]! < 0x80) count++;
  const out = signed ? new BigInt64Array(count) : new BigUint64Array(count);
  const halves = new Uint32Array(out.buffer);
  let p = start;
  for (let i = 0; i < count; i++) {
    let lo = 0;
    let hi = 0;
    let shift = 0;
    let b: number;
    do {
      b = buf[p++]!;
      if (shift < 28) lo |= (b & 0x7f) << shift;
      else if (shift === 28) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >>> 4;
      } else hi |= (b & 0x7f) << (shift - 32);
      shift += 7;
    } while (b & 0x80);
    halves[2 * i] = lo >>> 0;
    halves[2 * i + 1] = hi >>> 0;
  }
  reader.pos = end;
  return out;
}

function readInt32s(reader: Reader, len: number): Int32Array {
  const end = reader.pos + len;
  if (end > reader.len) throw new RangeError(`index out of range: ${end} > ${reader.len}`);
  const values: number[] = [];
  while (reader.pos < end) values.push(reader.int32());
  if (reader.pos !== end) throw new RangeError(`index out of range: ${reader.pos} != ${end}`);
  return Int32Array.from(values);
}

export function decodeTensorProto(
  r: Reader | Uint8Array,
  length?: number,
  _end?: number,
  _depth?: number,
  target?: DecodedTensorProto,
): DecodedTensorProto {
  const reader = r instanceof protobuf.Reader ? r : protobuf.Reader.create(r);
  const end = length === undefined ? reader.len : reader.pos + length;
  if (end > reader.len) throw new RangeError(`index out of range: ${end} > ${reader.len}`);
  const m = (target ?? new onnx.TensorProto()) as unknown as DecodedTensorProto;
  while (reader.pos < end) {
    const tag = reader.uint32();
    const wire = tag & 7;
    switch (tag >>> 3) {
      case 1:
        if (!Object.hasOwn(m, 'dims')) m.dims = [];
        if (wire === 2) reader.int64s(m.dims as never);
        else m.dims.push(reader.int64());
        break;
      case 2:
        m.dataType = reader.int32();
        break;
      case 3:
        m.segment = onnx.TensorProto.Segment.decode(reader, reader.uint32());
        break;
      case 4:
        m.floatData = concat(m.floatData, wire === 2 ? readFixed(reader, reader.uint32(), Float32Array) : Float32Array.of(reader.float()));
        break;
      case 5:
        m.int32Data = concat(m.int32Data, wire === 2 ? readInt32s(reader, reader.uint32()) : Int32Array.of(reader.int32()));
        break;
      case 6:
        (m.stringData ??= []).push(reader.bytes());
        break;
      case 7:
        m.int64Data = concat(
          m.int64Data,
          wire === 2 ? (readVarints64(reader, reader.uint32(), true) as BigInt64Array) : BigInt64Array.of(BigInt(reader.int64().toString())),
        );
        break;
      case 8:
        m.name = reader.string();
        break;
      case 9:
        m.rawData = reader.bytes();
        break;
      case 10:
        m.doubleData = concat(m.doubleData, wire === 2 ? readFixed(reader, reader.uint32(), Float64Array) : Float64Array.of(reader.double()));
        break;
      case 11:
        m.uint64Data = concat(
          m.uint64Data,
          wire === 2
            ? (readVarints64(reader, reader.uint32(), false) as BigUint64Array)
            : BigUint64Array.of(BigInt(reader.uint64().toString())),
        );
        break;
      case 12:
        m.docString = reader.string();
        break;
      case 13:
        (m.externalData ??= []).push(onnx.StringStringEntryProto.decode(reader, reader.uint32()));
        break;
      case 14:
        m.dataLocation = reader.int32();
        break;
      case 16:
        (m.metadataProps ??= []).push(onnx.StringStringEntryProto.decode(reader, reader.uint32()));
        break;
      default:
        reader.skipType(wire);
    }
  }
  if (reader.pos !== end) throw new RangeError(`index out of range: ${reader.pos} != ${end}`);
  return m;
}

/** Packed varints of a 64-bit array, read through its 32-bit halves (two's complement). */
function encodeVarints64(a: BigInt64Array | BigUint64Array): Uint8Array {
  const halves = new Uint32Array(a.buffer, a.byteOffset, a.length * 2);
  const out = new Uint8Array(a.length * 10);
  let p = 0;
  for (let i = 0; i < a.length; i++) {
    let lo = halves[2 * i]!;
    let hi = halves[2 * i + 1]!;
    while (hi !== 0) {
      out[p++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    while (lo > 0x7f) {
      out[p++] = (lo & 0x7f) | 0x80;
      lo >>>= 7;
    }
    out[p++] = lo;
  }
  return out.subarray(0, p);
}

function has(m: object, key: string): boolean {
  return Object.hasOwn(m, key) && (m as Record<string, unknown>)[key] != null;
}

export function encodeTensorProto(msg: DecodedTensorProto, w?: Writer): Writer {
  const writer = w ?? protobuf.Writer.create();
  const m = msg;
  if (m.dims && m.dims.length) for (const d of m.dims) writer.uint32(8).int64(d as number);
  if (has(m, 'dataType')) writer.uint32(16).int32(m.dataType);
  if (m.segment && has(m, 'segment')) onnx.TensorProto.Segment.encode(m.segment, writer.uint32(26).fork()).ldelim();
  if (m.floatData && m.floatData.length) writer.uint32(34).floats(m.floatData as unknown as number[]);
  if (m.int32Data && m.int32Data.length) writer.uint32(42).int32s(m.int32Data as unknown as number[]);
  if (m.stringData) for (const s of m.stringData) writer.uint32(50).bytes(s);
  if (m.int64Data && m.int64Data.length) writer.uint32(58).bytes(encodeVarints64(m.int64Data));
  if (has(m, 'name')) writer.uint32(66).string(m.name!);
  if (has(m, 'rawData')) writer.uint32(74).bytes(m.rawData!);
  if (m.doubleData && m.doubleData.length) writer.uint32(82).doubles(m.doubleData as unknown as number[]);
  if (m.uint64Data && m.uint64Data.length) writer.uint32(90).bytes(encodeVarints64(m.uint64Data));
  if (has(m, 'docString')) writer.uint32(98).string(m.docString!);
  if (m.externalData) for (const e of m.externalData) onnx.StringStringEntryProto.encode(e, writer.uint32(106).fork()).ldelim();
  if (has(m, 'dataLocation')) writer.uint32(112).int32(m.dataLocation!);
  if (m.metadataProps) for (const e of m.metadataProps) onnx.StringStringEntryProto.encode(e, writer.uint32(130).fork()).ldelim();
  return writer;
}
