import {
  DataType,
  allocData,
  dtypeInfo,
  dtypeName,
  rawByteLength,
  type TensorData,
  type TypedArray,
} from './dtype.js';
import { OnnxError } from '../util/errors.js';

/** Where the bytes of an external tensor live (ExternalData.md). */
export interface ExternalRef {
  location: string;
  offset: number;
  /** Bytes; undefined means "to the end of the file". */
  length?: number;
  /** Every key/value entry as written in the file, in order, so the reference round-trips. */
  entries: readonly (readonly [string, string])[];
}

/** How a tensor's data was (or will be) stored in a TensorProto. */
export type TensorStorage = 'raw' | 'fields';

/** Extra TensorProto fields that carry no data but must survive a round trip. */
export interface TensorProtoExtras {
  docString?: string;
  metadataProps?: readonly (readonly [string, string])[];
  segment?: { begin?: bigint; end?: bigint };
  /** external_data entries on a tensor that is not external (invalid, but kept). */
  strayExternal?: readonly (readonly [string, string])[];
  /** data_location was written explicitly as DEFAULT. */
  explicitDefaultLocation?: boolean;
}

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  // Raw tensor bytes are little-endian and are viewed in place; a big-endian host would need swaps.
  throw new Error('onnx: big-endian hosts are not supported');
}

/**
 * A dense tensor: element type, static dims and data. Data may be held three ways:
 * decoded (`data()` ready), as little-endian raw bytes (decoded on first `data()`; aligned
 * bytes are viewed without copying, unaligned ones copied once), or external (bytes in another
 * file, read by `io/external-data.ts` only when a command needs the values).
 *
 * Invariant: a Tensor's data is never mutated after construction by the library; kernels
 * allocate new tensors for outputs. Views into the model file stay valid that way.
 */
export class Tensor {
  name = '';
  /** How to store the data when saving; follows the file it came from. */
  storage: TensorStorage = 'raw';
  extras?: TensorProtoExtras;
  private _data?: TensorData;
  private _raw?: Uint8Array;
  private _external?: ExternalRef;
  private _thunk?: () => TensorData;

  private constructor(
    readonly dtype: DataType,
    readonly dims: readonly number[],
  ) {}

  /** A tensor over an already decoded array (not copied). */
  static fromData(dtype: DataType, dims: readonly number[], data: TensorData): Tensor {
    const t = new Tensor(dtype, dims);
    const expected = t.size * dtypeInfo(dtype).lanes;
    if (data.length !== expected) {
      throw new OnnxError(
        'E_FORMAT',
        `tensor data has ${data.length} numbers, expected ${expected} for ${dtypeName(dtype)} [${dims.join(',')}]`,
      );
    }
    t._data = data;
    return t;
  }

  /** A tensor over little-endian ONNX raw_data bytes (kept as a view; decoded lazily). */
  static fromRaw(dtype: DataType, dims: readonly number[], raw: Uint8Array): Tensor {
    const t = new Tensor(dtype, dims);
    t._raw = raw;
    return t;
  }

  /**
   * A tensor whose data is decoded on first use by `decode` (TensorProto typed fields); a length
   * mismatch is reported then, so that a tolerant load of a broken file still succeeds.
   */
  static lazy(dtype: DataType, dims: readonly number[], decode: () => TensorData): Tensor {
    const t = new Tensor(dtype, dims);
    t._thunk = decode;
    return t;
  }

  /** A tensor whose bytes are in an external file, not read yet. */
  static external(dtype: DataType, dims: readonly number[], ref: ExternalRef): Tensor {
    const t = new Tensor(dtype, dims);
    t._external = ref;
    return t;
  }

  /** A zero-filled tensor. */
  static zeros(dtype: DataType, dims: readonly number[]): Tensor {
    return Tensor.fromData(dtype, dims, allocData(dtype, dims.reduce((a, b) => a * b, 1)));
  }

  /** A scalar (rank 0) tensor. */
  static scalar(dtype: DataType, value: number | bigint | string): Tensor {
    const data = allocData(dtype, 1);
    (data as unknown as (number | bigint | string)[])[0] = value;
    return Tensor.fromData(dtype, [], data);
  }

  /** Number of elements. */
  get size(): number {
    let n = 1;
    for (const d of this.dims) n *= d;
    return n;
  }

  get rank(): number {
    return this.dims.length;
  }

  /** The external reference, while the data has not been read. */
  get externalRef(): ExternalRef | undefined {
    return this._external;
  }

  /** Whether the values can be read without I/O. */
  get isLoaded(): boolean {
    return this._external === undefined;
  }

  /** Size of the data in ONNX raw form, without reading it. 0 for strings. */
  get byteLength(): number {
    if (this.dtype === DataType.STRING) return 0;
    return rawByteLength(this.dtype, this.size);
  }

  /** Provides the bytes of an external tensor; afterwards it behaves like a raw tensor. */
  resolveExternal(raw: Uint8Array): void {
    this.checkRawLength(raw);
    this._raw = raw;
    this._external = undefined;
  }

  /** Marks the tensor as stored externally again (after `save` wrote its bytes elsewhere). */
  setExternal(ref: ExternalRef): void {
    this._external = ref;
    this._raw = undefined;
    this._data = undefined;
  }

  /** The decoded values (see DataType for the layout). Throws if external and not loaded. */
  data(): TensorData {
    if (this._data) return this._data;
    if (this._external) {
      throw new OnnxError(
        'E_EXTERNAL_NOT_LOADED',
        `tensor "${this.name}" has external data ("${this._external.location}") that was not loaded`,
        { value: this.name },
      );
    }
    if (this._thunk) {
      const d = this._thunk();
      const expected = this.size * dtypeInfo(this.dtype).lanes;
      if (d.length !== expected) {
        throw new OnnxError(
          'E_FORMAT',
          `tensor "${this.name}" has ${d.length} values, expected ${expected} for ${dtypeName(this.dtype)} [${this.dims.join(',')}]`,
          { value: this.name },
        );
      }
      this._thunk = undefined;
      this._data = d;
      return d;
    }
    const raw = this._raw;
    if (!raw) {
      this._data = allocData(this.dtype, this.size);
      return this._data;
    }
    this._data = decodeRaw(this.dtype, this.size, raw, this.name);
    return this._data;
  }

  /**
   * Checks that the data matches the type and dims (throws E_FORMAT), without decoding raw bytes:
   * a length check is enough for them. External data is not checked here.
   */
  validate(): void {
    if (this._data || this._external) return;
    if (this._raw && !this._thunk) {
      if (this.dtype === DataType.STRING || !dtypeInfo(this.dtype).array) {
        throw new OnnxError('E_FORMAT', `tensor "${this.name}" of type ${dtypeName(this.dtype)} cannot be stored in raw_data`, { value: this.name });
      }
      this.checkRawLength(this._raw);
      return;
    }
    this.data();
  }

  /** The data as a typed array (every type but string). */
  typed(): TypedArray {
    const d = this.data();
    if (Array.isArray(d)) throw new OnnxError('E_INTERNAL', `tensor "${this.name}" holds strings, not numbers`);
    return d;
  }

  /** Little-endian ONNX raw_data bytes. Zero-copy when the tensor came from raw bytes. */
  toRaw(): Uint8Array {
    if (this._raw) return this._raw;
    if (this._external) this.data(); // throws E_EXTERNAL_NOT_LOADED
    return encodeRaw(this.dtype, this.data());
  }

  /** Whether the raw bytes are already at hand (no encoding needed to save). */
  get hasRaw(): boolean {
    return this._raw !== undefined;
  }

  private checkRawLength(raw: Uint8Array): void {
    const expected = this.byteLength;
    if (raw.byteLength !== expected) {
      throw new OnnxError(
        'E_FORMAT',
        `tensor "${this.name}" has ${raw.byteLength} bytes of data, expected ${expected} for ${dtypeName(this.dtype)} [${this.dims.join(',')}]`,
        { value: this.name },
      );
    }
  }
}

/** Decodes little-endian raw bytes into the in-memory layout; views aligned bytes in place. */
export function decodeRaw(dtype: DataType, count: number, raw: Uint8Array, name = ''): TensorData {
  const info = dtypeInfo(dtype);
  if (dtype === DataType.STRING || !info.array) {
    throw new OnnxError('E_FORMAT', `tensor "${name}" of type ${dtypeName(dtype)} cannot be stored in raw_data`, {
      value: name,
    });
  }
  const expected = rawByteLength(dtype, count);
  if (raw.byteLength !== expected) {
    throw new OnnxError(
      'E_FORMAT',
      `tensor "${name}" has ${raw.byteLength} bytes of raw data, expected ${expected} for ${count} ${dtypeName(dtype)} elements`,
      { value: name },
    );
  }
  if (info.bits < 8) return unpackSubByte(dtype, count, raw);
  const Ctor = info.array;
  const n = count * info.lanes;
  if (raw.byteOffset % Ctor.BYTES_PER_ELEMENT === 0) return new Ctor(raw.buffer as ArrayBuffer, raw.byteOffset, n) as TypedArray;
  const out = new Ctor(n) as TypedArray;
  new Uint8Array(out.buffer, out.byteOffset, out.byteLength).set(raw);
  return out;
}

/** Encodes in-memory data as little-endian raw bytes (a view when no packing is needed). */
export function encodeRaw(dtype: DataType, data: TensorData): Uint8Array {
  if (Array.isArray(data)) throw new OnnxError('E_FORMAT', 'string tensors cannot be stored in raw_data');
  const info = dtypeInfo(dtype);
  if (info.bits < 8) return packSubByte(dtype, data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function unpackSubByte(dtype: DataType, count: number, raw: Uint8Array): TypedArray {
  const bits = dtypeInfo(dtype).bits;
  const perByte = 8 / bits;
  const mask = (1 << bits) - 1;
  const signed = dtype === DataType.INT4 || dtype === DataType.INT2;
  const out = signed ? new Int8Array(count) : new Uint8Array(count);
  const signBit = 1 << (bits - 1);
  for (let i = 0; i < count; i++) {
    const byte = raw[(i / perByte) | 0]!;
    let v = (byte >>> ((i % perByte) * bits)) & mask;
    if (signed && v & signBit) v -= 1 << bits;
    out[i] = v;
  }
  return out;
}

/** Packs one-per-byte sub-byte values, first element in the least significant bits. */
export function packSubByte(dtype: DataType, data: TypedArray): Uint8Array {
  const bits = dtypeInfo(dtype).bits;
  const perByte = 8 / bits;
  const mask = (1 << bits) - 1;
  const out = new Uint8Array(Math.ceil(data.length / perByte));
  for (let i = 0; i < data.length; i++) {
    const v = Number(data[i]!) & mask;
    out[(i / perByte) | 0] |= v << ((i % perByte) * bits);
  }
  return out;
}
