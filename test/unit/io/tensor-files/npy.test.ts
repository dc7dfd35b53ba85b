import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataType, dtypeName } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { decodeNpy, encodeNpy, npyStoredType } from '../../../../src/io/tensor-files/npy.js';
import { toFloat64 } from '../../../../src/ops/helpers/convert.js';
import { OnnxError } from '../../../../src/util/errors.js';
import { REPO_ROOT } from '../../../helpers/backend-tests.js';

const DIR = path.join(REPO_ROOT, 'fixtures/tensor-files');
const read = (f: string): Buffer => fs.readFileSync(path.join(DIR, f));

interface Expected {
  dtype: string;
  shape: number[];
  data: unknown[];
}
const expected = JSON.parse(fs.readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as Record<string, Expected>;
const npyFiles = Object.keys(expected).filter((k) => k.endsWith('.npy'));

/** The values of a tensor in the spelling of expected.json (written by numpy). */
function plain(t: Tensor): unknown[] {
  const d = t.data();
  switch (t.dtype) {
    case DataType.STRING:
      return d as string[];
    case DataType.BOOL:
      return Array.from(d as Uint8Array, (x) => x === 1);
    case DataType.INT64:
    case DataType.UINT64:
    case DataType.INT8:
    case DataType.INT16:
    case DataType.INT32:
    case DataType.UINT8:
    case DataType.UINT16:
    case DataType.UINT32:
      return Array.from(d as ArrayLike<number | bigint>, (x) => String(x));
    case DataType.COMPLEX64:
    case DataType.COMPLEX128: {
      const f = d as Float32Array;
      return Array.from({ length: f.length / 2 }, (_, i) => [f[2 * i], f[2 * i + 1]]);
    }
    default:
      return Array.from(toFloat64(t), (x) => (Number.isNaN(x) ? 'nan' : x === Infinity ? 'inf' : x === -Infinity ? '-inf' : x));
  }
}

function errorOf(f: () => unknown): OnnxError {
  try {
    f();
  } catch (e) {
    if (e instanceof OnnxError) return e;
    throw e;
  }
  throw new Error('expected an OnnxError');
}

describe('.npy files written by numpy', () => {
  it('has fixtures for every dtype, byte order, memory order and version', () => {
    expect(npyFiles.length).toBeGreaterThanOrEqual(40);
  });
  it.each(npyFiles)('%s decodes to the values numpy wrote', (file) => {
    const e = expected[file]!;
    const t = decodeNpy(read(file), file);
    expect(dtypeName(t.dtype)).toBe(e.dtype);
    expect(t.dims).toEqual(e.shape);
    expect(plain(t)).toEqual(e.data);
  });
  it('leaves the bytes it decodes unchanged (big-endian data decodes twice alike)', () => {
    const bytes = read('be-i4.npy');
    const copy = Buffer.from(bytes);
    const a = Array.from(decodeNpy(bytes).data() as Int32Array);
    expect(Array.from(decodeNpy(bytes).data() as Int32Array)).toEqual(a);
    expect(bytes.equals(copy)).toBe(true);
  });
  it('keeps -0 and float32 subnormals exact', () => {
    const t = decodeNpy(read('le-f4-special.npy'));
    const d = t.data() as Float32Array;
    expect(Object.is(d[3], -0)).toBe(true);
    expect(d[4]).toBe(Math.fround(1e-40));
  });
  it('reads int64 and uint64 beyond 2^53 exactly', () => {
    expect(Array.from(decodeNpy(read('le-i8-big.npy')).data() as BigInt64Array)).toEqual([2n ** 62n + 1n, -(2n ** 63n), 2n ** 63n - 1n]);
    expect(Array.from(decodeNpy(read('le-u8-big.npy')).data() as BigUint64Array)).toEqual([2n ** 64n - 1n, 2n ** 63n + 3n, 0n]);
  });
  it('reads float16 as raw bits', () => {
    const t = decodeNpy(read('be-f2.npy'));
    expect(t.dtype).toBe(DataType.FLOAT16);
    // IEEE half precision bits of -1, -0.25, 0.5, 1.25, 2, 2.75.
    expect(Array.from(t.data() as Uint16Array)).toEqual([0xbc00, 0xb400, 0x3800, 0x3d00, 0x4000, 0x4180]);
  });
});

describe('encodeNpy', () => {
  const sameBytes = npyFiles.filter((f) => f.startsWith('le-') || f === 'scalar-f8.npy' || f === 'empty-f4.npy');
  it.each(sameBytes)('re-encodes %s to the bytes numpy wrote', (file) => {
    const bytes = read(file);
    expect(Buffer.from(encodeNpy(decodeNpy(bytes)))).toEqual(bytes);
  });

  const cases: [DataType, ArrayLike<number | bigint> | string[]][] = [
    [DataType.FLOAT, [1.5, -2, 0]],
    [DataType.DOUBLE, [1e300, -0.1, 7]],
    [DataType.FLOAT16, [0x3c00, 0xc000, 0x7e00]],
    [DataType.INT8, [-128, 0, 127]],
    [DataType.UINT8, [0, 128, 255]],
    [DataType.INT16, [-32768, 1, 32767]],
    [DataType.UINT16, [0, 1, 65535]],
    [DataType.INT32, [-(2 ** 31), 0, 2 ** 31 - 1]],
    [DataType.UINT32, [0, 1, 2 ** 32 - 1]],
    [DataType.INT64, [-(2n ** 63n), 0n, 2n ** 63n - 1n]],
    [DataType.UINT64, [0n, 1n, 2n ** 64n - 1n]],
    [DataType.BOOL, [1, 0, 1]],
    [DataType.STRING, ['a', '', 'ünïcödé 🙂']],
  ];
  it.each(cases)('round-trips dtype %s', (dtype, values) => {
    const t = Tensor.fromData(dtype, [3], dtype === DataType.STRING ? [...(values as string[])] : (Tensor.zeros(dtype, [3]).data().constructor as unknown as { from(x: unknown): never }).from(values));
    const back = decodeNpy(encodeNpy(t));
    expect(back.dtype).toBe(dtype);
    expect(back.dims).toEqual([3]);
    expect(Array.from(back.data() as ArrayLike<unknown>)).toEqual(Array.from(t.data() as ArrayLike<unknown>));
  });
  it('round-trips complex64 and complex128 interleaved', () => {
    for (const dtype of [DataType.COMPLEX64, DataType.COMPLEX128]) {
      const t = Tensor.fromData(dtype, [2], dtype === DataType.COMPLEX64 ? Float32Array.from([1, -1, 0.5, 2]) : Float64Array.from([1, -1, 0.5, 2]));
      const back = decodeNpy(encodeNpy(t));
      expect(back.dtype).toBe(dtype);
      expect(Array.from(back.typed() as Float32Array)).toEqual([1, -1, 0.5, 2]);
    }
  });
  it('widens bfloat16 to float32 and int4 to int8', () => {
    expect(npyStoredType(DataType.BFLOAT16)).toBe(DataType.FLOAT);
    const bf = Tensor.fromData(DataType.BFLOAT16, [2], Uint16Array.from([0x3f80, 0xc040])); // 1, -3
    const back = decodeNpy(encodeNpy(bf));
    expect(back.dtype).toBe(DataType.FLOAT);
    expect(Array.from(back.typed() as Float32Array)).toEqual([1, -3]);
    const i4 = Tensor.fromData(DataType.INT4, [3], Int8Array.from([-8, 0, 7]));
    const b4 = decodeNpy(encodeNpy(i4));
    expect(b4.dtype).toBe(DataType.INT8);
    expect(Array.from(b4.typed() as Int8Array)).toEqual([-8, 0, 7]);
  });
  it('uses format version 2 when the header does not fit 64 KiB', () => {
    const dims = Array.from({ length: 30000 }, () => 1);
    const bytes = encodeNpy(Tensor.zeros(DataType.FLOAT, dims));
    expect(bytes[6]).toBe(2);
    expect(decodeNpy(bytes).dims).toEqual(dims);
  });
  it('aligns the data to 64 bytes', () => {
    const bytes = encodeNpy(Tensor.zeros(DataType.FLOAT, [5]));
    expect((bytes.byteLength - 20) % 64).toBe(0);
  });
});

describe('malformed .npy files', () => {
  const good = read('le-f4.npy');
  it.each([
    ['not-magic', Buffer.from('hello world, not numpy'), /does not start with the \\x93NUMPY magic/],
    ['version 4', Buffer.concat([good.subarray(0, 6), Buffer.from([4, 0]), good.subarray(8)]), /format version 4\.0/],
    ['cut in the header', good.subarray(0, 40), /header says \d+ bytes but the file ends before/],
    ['cut in the data', good.subarray(0, good.length - 3), /data is cut short: 21 bytes for 6 elements/],
    ['trailing bytes', Buffer.concat([good, Buffer.from([0, 0, 0, 0])]), /4 bytes follow the 6 elements/],
    ['not a dict', Buffer.from(encodeWithHeader("['descr', '<f4']")), /header is not a dict/],
    ['missing shape', Buffer.from(encodeWithHeader("{'descr': '<f4', 'fortran_order': False}")), /lacks one of/],
    ['negative dim', Buffer.from(encodeWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,)}")), /not a tuple of non-negative integers/],
    ['bad literal', Buffer.from(encodeWithHeader("{'descr': '<f4', 'fortran_order': Fals, 'shape': ()}")), /not a Python dict literal/],
    ['unknown descr', Buffer.from(encodeWithHeader("{'descr': 'what', 'fortran_order': False, 'shape': ()}")), /unknown dtype 'what'/],
  ])('%s is an E_TENSOR_FILE error naming the file', (_name, bytes, message) => {
    const e = errorOf(() => decodeNpy(bytes, 'in/x.npy'));
    expect(e.code).toBe('E_TENSOR_FILE');
    expect(e.kind).toBe('input');
    expect(e.message).toContain('"in/x.npy"');
    expect(e.message).toMatch(message);
  });
  it.each([
    ['object.npy', /Python objects/],
    ['datetime.npy', /dates or time deltas/],
    ['structured.npy', /structured dtype/],
  ])('%s is an unsupported dtype (exit 4)', (file, message) => {
    const e = errorOf(() => decodeNpy(read(file), file));
    expect(e.code).toBe('E_UNSUPPORTED_DTYPE');
    expect(e.kind).toBe('unsupported');
    expect(e.message).toMatch(message);
  });
});

/** A version 1 file with `dict` as its header and no data. */
function encodeWithHeader(dict: string): Uint8Array {
  const h = `${dict}\n`;
  const out = new Uint8Array(10 + h.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, h.length, true);
  for (let i = 0; i < h.length; i++) out[10 + i] = h.charCodeAt(i);
  return out;
}
