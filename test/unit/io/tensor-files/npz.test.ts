import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { decodeNpz, encodeNpz } from '../../../../src/io/tensor-files/npz.js';
import { crc32, listZip, writeZip } from '../../../../src/io/tensor-files/zip.js';
import { OnnxError } from '../../../../src/util/errors.js';
import { REPO_ROOT } from '../../../helpers/backend-tests.js';

const DIR = path.join(REPO_ROOT, 'fixtures/tensor-files');
const read = (f: string): Buffer => fs.readFileSync(path.join(DIR, f));

function errorOf(f: () => unknown): OnnxError {
  try {
    f();
  } catch (e) {
    if (e instanceof OnnxError) return e;
    throw e;
  }
  throw new Error('expected an OnnxError');
}

describe('.npz files written by numpy', () => {
  it.each(['stored.npz', 'deflated.npz', 'zip64.npz'])('%s holds x and y', (file) => {
    const arrays = decodeNpz(read(file), file);
    expect([...arrays.keys()]).toEqual(['x', 'y']);
    const x = arrays.get('x')!;
    expect(x.dtype).toBe(DataType.FLOAT);
    expect(x.dims).toEqual([2, 3]);
    expect(Array.from(x.data() as Float32Array)).toEqual([0, 1, 2, 3, 4, 5]);
    const y = arrays.get('y')!;
    expect(y.dtype).toBe(DataType.INT64);
    expect(Array.from(y.data() as BigInt64Array)).toEqual([1n, -2n, 3n]);
  });
  it('finds deflated members in savez_compressed output', () => {
    expect(listZip(read('deflated.npz')).map((e) => e.method)).toEqual([8, 8]);
    expect(listZip(read('stored.npz')).map((e) => e.method)).toEqual([0, 0]);
  });
  it('reads sizes from zip64 extra fields', () => {
    const entries = listZip(read('zip64.npz'));
    expect(entries.map((e) => e.name)).toEqual(['x.npy', 'y.npy']);
    expect(entries[0]!.size).toBe(128 + 24);
  });
});

describe('encodeNpz', () => {
  const arrays: [string, Tensor][] = [
    ['a', Tensor.fromData(DataType.FLOAT, [2], Float32Array.from([1, 2]))],
    ['b/c', Tensor.fromData(DataType.STRING, [1], ['z'])],
  ];
  it.each([
    ['stored', {}],
    ['deflated', { compress: true }],
    ['zip64', { zip64: true }],
    ['zip64 deflated', { zip64: true, compress: true }],
  ])('round-trips %s', (_name, opts) => {
    const back = decodeNpz(encodeNpz(arrays, opts));
    expect([...back.keys()]).toEqual(['a', 'b/c']);
    expect(Array.from(back.get('a')!.data() as Float32Array)).toEqual([1, 2]);
    expect(back.get('b/c')!.data()).toEqual(['z']);
  });
  it('writes zip64 end records that a reader must follow', () => {
    const bytes = encodeNpz(arrays, { zip64: true });
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const eocd = bytes.byteLength - 22;
    expect(view.getUint32(eocd, true)).toBe(0x06054b50);
    expect(view.getUint32(eocd + 16, true)).toBe(0xffffffff);
    expect(view.getUint32(eocd - 20, true)).toBe(0x07064b50);
  });
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
  it('deflates as zlib inflates', () => {
    const data = new Uint8Array(1000).fill(7);
    const zip = writeZip([{ name: 'x.bin', data }], { deflate: true });
    const e = listZip(zip)[0]!;
    expect(e.compressedSize).toBeLessThan(100);
    expect(zlib.inflateRawSync(zip.subarray(30 + 5, 30 + 5 + e.compressedSize)).equals(Buffer.from(data))).toBe(true);
  });
});

describe('malformed .npz files', () => {
  const good = read('stored.npz');
  it('a truncated archive has no end record', () => {
    const e = errorOf(() => decodeNpz(good.subarray(0, good.length - 30), 'in.npz'));
    expect(e.code).toBe('E_TENSOR_FILE');
    expect(e.message).toMatch(/"in\.npz" is not a valid \.npz \(zip\) file: no end-of-central-directory record/);
  });
  it('a corrupt member fails its CRC', () => {
    const bad = Buffer.from(good);
    const e0 = listZip(bad)[0]!;
    bad[e0.localOffset + 30 + 5 + 130] ^= 0xff; // a data byte of x.npy
    expect(errorOf(() => decodeNpz(bad, 'in.npz')).message).toMatch(/member "x\.npy" fails its CRC-32 check/);
  });
  it('an unknown compression method is named', () => {
    const bad = Buffer.from(good);
    const view = new DataView(bad.buffer, bad.byteOffset);
    const cd = view.getUint32(bad.length - 22 + 16, true);
    view.setUint16(cd + 10, 12, true); // bzip2
    expect(errorOf(() => decodeNpz(bad, 'in.npz')).message).toMatch(/compression method 12; only stored \(0\) and deflate \(8\)/);
  });
  it('a directory pointing past the end is reported', () => {
    const bad = Buffer.from(good);
    new DataView(bad.buffer, bad.byteOffset).setUint32(bad.length - 22 + 16, bad.length + 100, true);
    expect(errorOf(() => decodeNpz(bad, 'in.npz')).message).toMatch(/central directory .* lies past the end of the file/);
  });
  it('an archive without .npy members is an error with a hint', () => {
    const e = errorOf(() => decodeNpz(writeZip([{ name: 'readme.txt', data: new Uint8Array(3) }]), 'in.npz'));
    expect(e.message).toBe('"in.npz" holds no .npy arrays');
    expect(e.detail.hint).toMatch(/numpy\.savez/);
  });
  it('a bad member is named with its archive', () => {
    const e = errorOf(() => decodeNpz(writeZip([{ name: 'x.npy', data: new TextEncoder().encode('nope') }]), 'in.npz'));
    expect(e.message).toContain('"in.npz:x.npy" is not a valid .npy file');
  });
});
