/**
 * NumPy `.npy` files: format versions 1, 2 and 3; little-, big-endian and byte-order-free dtypes;
 * C and Fortran order. Read into the in-memory layout of `Tensor` (see ir/dtype.ts); written as
 * version 1 (2 when the header is large), little-endian, C order.
 */
import { DataType, dtypeName } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { toFloat32 } from '../../ops/helpers/convert.js';
import { OnnxError } from '../../util/errors.js';
import { parsePythonLiteral, type PyValue } from './python-literal.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** Whether `bytes` start like an .npy file. */
export function isNpy(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 6 && MAGIC.every((b, i) => bytes[i] === b);
}

function bad(file: string, what: string): OnnxError {
  return new OnnxError('E_TENSOR_FILE', `"${file}" is not a valid .npy file: ${what}`, { path: file });
}

function unsupported(file: string, descr: string, why: string): OnnxError {
  return new OnnxError('E_UNSUPPORTED_DTYPE', `"${file}" holds numpy dtype '${descr}' (${why}), which has no ONNX equivalent here`, {
    path: file,
    hint: 'save it with one of: bool, int8..int64, uint8..uint64, float16/32/64, complex64/128, unicode strings',
  });
}

/** A parsed numpy dtype string such as '<f4' or '>U12'. */
interface NpyDtype {
  dtype: DataType;
  /** Bytes per element in the file. */
  itemSize: number;
  /** Byte swap needed (big-endian data with multi-byte units). */
  swap: boolean;
  /** Unicode ('U', UCS-4 units) or bytes ('S') strings. */
  text?: 'U' | 'S';
}

const NUMERIC: Record<string, DataType> = {
  b1: DataType.BOOL,
  i1: DataType.INT8,
  i2: DataType.INT16,
  i4: DataType.INT32,
  i8: DataType.INT64,
  u1: DataType.UINT8,
  u2: DataType.UINT16,
  u4: DataType.UINT32,
  u8: DataType.UINT64,
  f2: DataType.FLOAT16,
  f4: DataType.FLOAT,
  f8: DataType.DOUBLE,
  c8: DataType.COMPLEX64,
  c16: DataType.COMPLEX128,
};

function parseDescr(descr: PyValue, file: string): NpyDtype {
  if (typeof descr !== 'string') throw unsupported(file, JSON.stringify(descr), 'a structured dtype');
  const m = /^([<>|=]?)([a-zA-Z?])(\d*)(\[\w+\])?$/.exec(descr);
  if (!m) throw bad(file, `unknown dtype '${descr}'`);
  const order = m[1]!;
  let kind = m[2]!;
  const size = m[3] ? Number(m[3]) : kind === '?' ? 1 : NaN;
  if (kind === '?') kind = 'b';
  const bigEndian = order === '>';
  if (kind === 'U' || kind === 'S' || kind === 'a') {
    if (!Number.isInteger(size)) throw bad(file, `string dtype '${descr}' has no length`);
    const text = kind === 'U' ? 'U' : 'S';
    return { dtype: DataType.STRING, itemSize: text === 'U' ? size * 4 : size, swap: bigEndian, text };
  }
  const dtype = NUMERIC[`${kind}${size}`];
  if (dtype === undefined) {
    const why =
      kind === 'O' ? 'Python objects, stored pickled' : kind === 'M' || kind === 'm' ? 'dates or time deltas' : kind === 'V' ? 'raw void bytes' : `${size}-byte '${kind}'`;
    throw unsupported(file, descr, why);
  }
  const unit = dtype === DataType.COMPLEX64 ? 4 : dtype === DataType.COMPLEX128 ? 8 : size;
  return { dtype, itemSize: size, swap: bigEndian && unit > 1 };
}

function swapBytes(bytes: Uint8Array, unit: number): void {
  for (let i = 0; i + unit <= bytes.length; i += unit) {
    for (let a = i, b = i + unit - 1; a < b; a++, b--) {
      const t = bytes[a]!;
      bytes[a] = bytes[b]!;
      bytes[b] = t;
    }
  }
}

/** Reorders Fortran-order (column-major) elements of `dims` into C order; `lanes` numbers per element. */
export function fortranToC<T extends { length: number; [i: number]: unknown }>(src: T, dims: readonly number[], lanes: number, out: T): T {
  const rank = dims.length;
  const count = dims.reduce((a, b) => a * b, 1);
  if (rank < 2 || count === 0) {
    for (let i = 0; i < src.length; i++) out[i] = src[i];
    return out;
  }
  const fstride = new Array<number>(rank);
  let s = 1;
  for (let k = 0; k < rank; k++) {
    fstride[k] = s;
    s *= dims[k]!;
  }
  const idx = new Array<number>(rank).fill(0);
  let f = 0;
  for (let c = 0; c < count; c++) {
    for (let l = 0; l < lanes; l++) out[c * lanes + l] = src[f * lanes + l];
    for (let k = rank - 1; k >= 0; k--) {
      idx[k]!++;
      f += fstride[k]!;
      if (idx[k]! < dims[k]!) break;
      f -= fstride[k]! * dims[k]!;
      idx[k] = 0;
    }
  }
  return out;
}

function decodeStrings(data: Uint8Array, count: number, d: NpyDtype): string[] {
  const out = new Array<string>(count);
  const utf8 = new TextDecoder('utf-8');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < count; i++) {
    const start = i * d.itemSize;
    if (d.text === 'S') {
      let end = start + d.itemSize;
      while (end > start && data[end - 1] === 0) end--;
      out[i] = utf8.decode(data.subarray(start, end));
      continue;
    }
    const chars: number[] = [];
    for (let p = start; p < start + d.itemSize; p += 4) chars.push(view.getUint32(p, !d.swap));
    while (chars.length > 0 && chars[chars.length - 1] === 0) chars.pop();
    try {
      out[i] = String.fromCodePoint(...chars);
    } catch {
      throw new OnnxError('E_TENSOR_FILE', `string ${i} holds a value that is not a Unicode code point`);
    }
  }
  return out;
}

interface NpyHeader {
  descr: PyValue;
  fortran: boolean;
  dims: number[];
  dataOffset: number;
}

function readHeader(bytes: Uint8Array, file: string): NpyHeader {
  if (!isNpy(bytes)) throw bad(file, 'it does not start with the \\x93NUMPY magic');
  if (bytes.byteLength < 10) throw bad(file, 'the header is cut short');
  const major = bytes[6]!;
  const minor = bytes[7]!;
  if (major < 1 || major > 3) {
    throw new OnnxError('E_TENSOR_FILE', `"${file}" uses .npy format version ${major}.${minor}; versions 1, 2 and 3 are supported`, { path: file });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lenSize = major === 1 ? 2 : 4;
  if (bytes.byteLength < 8 + lenSize) throw bad(file, 'the header is cut short');
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = 8 + lenSize;
  if (start + headerLen > bytes.byteLength) throw bad(file, `the header says ${headerLen} bytes but the file ends before`);
  const raw = bytes.subarray(start, start + headerLen);
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(raw);
  let dict: PyValue;
  try {
    dict = parsePythonLiteral(text);
  } catch (e) {
    throw bad(file, `the header is not a Python dict literal (${(e as Error).message})`);
  }
  if (!(dict instanceof Map)) throw bad(file, 'the header is not a dict');
  const map = dict;
  const descr = map.get('descr');
  const fortran = map.get('fortran_order');
  const shape = map.get('shape');
  if (descr === undefined || fortran === undefined || shape === undefined) {
    throw bad(file, "the header lacks one of 'descr', 'fortran_order', 'shape'");
  }
  if (typeof fortran !== 'boolean') throw bad(file, "'fortran_order' is not True or False");
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0)) {
    throw bad(file, `'shape' is not a tuple of non-negative integers`);
  }
  return { descr, fortran, dims: shape as number[], dataOffset: start + headerLen };
}

/** Decodes an .npy file into a tensor (data always copied, so the file buffer can be dropped). */
export function decodeNpy(bytes: Uint8Array, file = '<bytes>'): Tensor {
  const h = readHeader(bytes, file);
  const d = parseDescr(h.descr, file);
  const count = h.dims.reduce((a, b) => a * b, 1);
  const need = count * d.itemSize;
  const have = bytes.byteLength - h.dataOffset;
  if (have < need) {
    throw bad(file, `the data is cut short: ${have} bytes for ${count} elements of '${String(h.descr)}' [${h.dims.join(',')}], expected ${need}`);
  }
  if (have > need) throw bad(file, `${have - need} bytes follow the ${count} elements of '${String(h.descr)}' [${h.dims.join(',')}]`);
  // A copy (Buffer#slice would be a view): byte swaps must not touch the caller's bytes.
  const data = new Uint8Array(need);
  data.set(bytes.subarray(h.dataOffset, h.dataOffset + need));
  if (d.dtype === DataType.STRING) {
    let strings: string[];
    try {
      strings = decodeStrings(data, count, d);
    } catch (e) {
      throw bad(file, (e as Error).message);
    }
    if (h.fortran) strings = fortranToC(strings, h.dims, 1, new Array<string>(count));
    return Tensor.fromData(DataType.STRING, h.dims, strings);
  }
  if (d.swap) swapBytes(data, d.dtype === DataType.COMPLEX64 ? 4 : d.dtype === DataType.COMPLEX128 ? 8 : d.itemSize);
  if (d.dtype === DataType.BOOL) {
    for (let i = 0; i < data.length; i++) data[i] = data[i] ? 1 : 0;
  }
  const t = Tensor.fromRaw(d.dtype, h.dims, data);
  if (!h.fortran || h.dims.length < 2) return t;
  const src = t.typed();
  const lanes = d.dtype === DataType.COMPLEX64 || d.dtype === DataType.COMPLEX128 ? 2 : 1;
  const out = new (src.constructor as new (n: number) => typeof src)(src.length);
  return Tensor.fromData(d.dtype, h.dims, fortranToC(src, h.dims, lanes, out));
}

/** The dtype a tensor is stored as in .npy: numpy lacks bfloat16, float8 and 4/2-bit types. */
export function npyStoredType(t: DataType): DataType {
  switch (t) {
    case DataType.BFLOAT16:
    case DataType.FLOAT8E4M3FN:
    case DataType.FLOAT8E4M3FNUZ:
    case DataType.FLOAT8E5M2:
    case DataType.FLOAT8E5M2FNUZ:
    case DataType.FLOAT4E2M1:
    case DataType.FLOAT8E8M0:
      return DataType.FLOAT;
    case DataType.INT4:
    case DataType.INT2:
      return DataType.INT8;
    case DataType.UINT4:
    case DataType.UINT2:
      return DataType.UINT8;
    default:
      return t;
  }
}

const DESCR: Partial<Record<DataType, string>> = {
  [DataType.BOOL]: '|b1',
  [DataType.INT8]: '|i1',
  [DataType.UINT8]: '|u1',
  [DataType.INT16]: '<i2',
  [DataType.UINT16]: '<u2',
  [DataType.INT32]: '<i4',
  [DataType.UINT32]: '<u4',
  [DataType.INT64]: '<i8',
  [DataType.UINT64]: '<u8',
  [DataType.FLOAT16]: '<f2',
  [DataType.FLOAT]: '<f4',
  [DataType.DOUBLE]: '<f8',
  [DataType.COMPLEX64]: '<c8',
  [DataType.COMPLEX128]: '<c16',
};

function header(descr: string, dims: readonly number[]): Uint8Array {
  const shape = dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  const v1 = Math.ceil((10 + dict.length + 1) / 64) * 64 - 10 <= 0xffff;
  const prefix = v1 ? 10 : 12;
  const total = Math.ceil((prefix + dict.length + 1) / 64) * 64;
  const out = new Uint8Array(total);
  out.set(MAGIC, 0);
  out[6] = v1 ? 1 : 2;
  out[7] = 0;
  const view = new DataView(out.buffer);
  const len = total - prefix;
  if (v1) view.setUint16(8, len, true);
  else view.setUint32(8, len, true);
  for (let i = 0; i < dict.length; i++) out[prefix + i] = dict.charCodeAt(i);
  for (let i = prefix + dict.length; i < total - 1; i++) out[i] = 0x20;
  out[total - 1] = 0x0a;
  return out;
}

function encodeStrings(values: readonly string[]): { descr: string; data: Uint8Array } {
  const points = values.map((s) => Array.from(s, (ch) => ch.codePointAt(0)!));
  const width = Math.max(1, ...points.map((p) => p.length));
  const data = new Uint8Array(values.length * width * 4);
  const view = new DataView(data.buffer);
  points.forEach((p, i) => p.forEach((c, j) => view.setUint32((i * width + j) * 4, c, true)));
  return { descr: `<U${width}`, data };
}

/**
 * Encodes a tensor as an .npy file. Types numpy lacks are widened (see npyStoredType): bfloat16
 * and the float8/float4 types to float32, int4/int2 to int8, uint4/uint2 to uint8.
 */
export function encodeNpy(t: Tensor): Uint8Array {
  let descr: string;
  let data: Uint8Array;
  if (t.dtype === DataType.STRING) {
    ({ descr, data } = encodeStrings(t.data() as string[]));
  } else {
    const stored = npyStoredType(t.dtype);
    const d = DESCR[stored];
    if (!d) throw new OnnxError('E_UNSUPPORTED_DTYPE', `cannot write ${dtypeName(t.dtype)} values to .npy`);
    descr = d;
    const values = stored === DataType.FLOAT && t.dtype !== DataType.FLOAT ? toFloat32(t) : t.typed();
    data = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  }
  const h = header(descr, t.dims);
  const out = new Uint8Array(h.byteLength + data.byteLength);
  out.set(h, 0);
  out.set(data, h.byteLength);
  return out;
}
