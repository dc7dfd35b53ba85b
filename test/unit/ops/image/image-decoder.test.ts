import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { runOp, values } from '../../../helpers/ops.js';

const u8 = (b: ArrayLike<number>) => Tensor.fromData(DataType.UINT8, [b.length], Uint8Array.from(b));

function chunk(type: string, data: Uint8Array): number[] {
  const len = [24, 16, 8, 0].map((s) => (data.length >>> s) & 255);
  // The CRC is not checked by the decoder.
  return [...len, ...Array.from(type, (c) => c.charCodeAt(0)), ...data, 0, 0, 0, 0];
}

/** A PNG of the given header fields and raw (unfiltered: filter byte 0 per row) scanlines. */
function png(width: number, height: number, depth: number, colorType: number, rows: number[][]): Uint8Array {
  const ihdr = Uint8Array.of(0, 0, 0, width, 0, 0, 0, height, depth, colorType, 0, 0, 0);
  const raw = Uint8Array.from(rows.flatMap((r) => [0, ...r]));
  return Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...chunk('IHDR', ihdr), ...chunk('IDAT', deflateSync(raw)), ...chunk('IEND', new Uint8Array(0))]);
}

const decode = (bytes: ArrayLike<number>, pixel_format = 'RGB') => runOp('ImageDecoder', [u8(bytes)], { pixel_format }, { opset: 20 })[0] as Tensor;

describe('ImageDecoder', () => {
  it('decodes 16-bit RGB PNG (high bytes) and gray+alpha', () => {
    const y = decode(png(1, 1, 16, 2, [[0x12, 0x34, 0xab, 0xcd, 0xff, 0x00]]));
    expect(y.dims).toEqual([1, 1, 3]);
    expect(values(y)).toEqual([0x12, 0xab, 0xff]);
    const ga = decode(png(2, 1, 8, 4, [[10, 255, 200, 0]]));
    expect(values(ga)).toEqual([10, 10, 10, 200, 200, 200]);
  });

  it('scales low bit depths and converts to BGR and Grayscale', () => {
    // 2-bit gray: 0, 1, 2, 3 -> 0, 85, 170, 255
    const g = decode(png(4, 1, 2, 0, [[0b00011011]]), 'Grayscale');
    expect(g.dims).toEqual([1, 4, 1]);
    expect(values(g)).toEqual([0, 85, 170, 255]);
    const rgb = png(1, 1, 8, 2, [[255, 0, 0]]);
    expect(values(decode(rgb, 'BGR'))).toEqual([0, 0, 255]);
    // ITU-R 601 luma of pure red: 0.299 * 255 = 76.2
    expect(values(decode(rgb, 'Grayscale'))).toEqual([76]);
  });

  it('decodes top-down 16-bit BMP with 5-6-5 bit fields', () => {
    const header = new Uint8Array(14 + 40 + 12);
    const dv = new DataView(header.buffer);
    header.set([0x42, 0x4d]);
    dv.setUint32(10, header.length, true);
    dv.setUint32(14, 40, true);
    dv.setInt32(18, 2, true);
    dv.setInt32(22, -1, true); // top-down
    dv.setUint16(26, 1, true);
    dv.setUint16(28, 16, true);
    dv.setUint32(30, 3, true); // BI_BITFIELDS
    dv.setUint32(54, 0xf800, true);
    dv.setUint32(58, 0x07e0, true);
    dv.setUint32(62, 0x001f, true);
    const pixels = [0x00, 0xf8, 0xe0, 0x07]; // pure red, pure green (little-endian)
    const y = decode([...header, ...pixels]);
    expect(y.dims).toEqual([1, 2, 3]);
    expect(values(y)).toEqual([255, 0, 0, 0, 255, 0]);
  });

  it('decodes ASCII PGM with a small maxval', () => {
    const y = decode(Array.from(new TextEncoder().encode('P2\n# comment\n3 1\n15\n0 15 5\n')));
    expect(values(y)).toEqual([0, 0, 0, 255, 255, 255, 85, 85, 85]);
  });

  it('gives an empty image for a corrupt stream and fails for formats or features it does not decode', () => {
    const y = decode([1, 2, 3, 4, 5]);
    expect(y.dims).toEqual([0, 0, 3]);
    expect(decode([0xff, 0xd8, 0xff, 0xe0, 0, 0]).dims).toEqual([0, 0, 3]);
    expect(() => decode([0xff, 0xd8, 0xff, 0xc9, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0])).toThrow(/arithmetic-coded JPEG is not supported/);
    expect(() => decode([0x49, 0x49, 0x2a, 0x00, 0, 0])).toThrow(/TIFF/);
  });
});
