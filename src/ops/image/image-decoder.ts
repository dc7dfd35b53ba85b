import { zlib } from '../../util/builtins.js';
import { defineOp } from '../define.js';
import { decodeJpeg, JpegUnsupported } from '../helpers/jpeg.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import type { InferContext, KernelContext } from '../types.js';

/** A decoded image: 8-bit RGB, row-major, channel last. */
interface Rgb {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A stream this decoder recognizes but cannot decode (as opposed to a corrupt one). */
class Unsupported extends Error {}

const u32be = (b: Uint8Array, o: number): number => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
const u16le = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8);
const u32le = (b: Uint8Array, o: number): number => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
const i32le = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24);

function need(cond: boolean, what: string): asserts cond {
  if (!cond) throw new Error(what);
}

// ---- PNG ------------------------------------------------------------------------------

const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** Reverses the PNG scanline filters of one (sub)image in place; returns the offset after it. */
function unfilter(raw: Uint8Array, start: number, rowBytes: number, rows: number, bpp: number): number {
  let prev = -1;
  let o = start;
  for (let y = 0; y < rows; y++) {
    need(o + 1 + rowBytes <= raw.length, 'PNG image data is truncated');
    const type = raw[o]!;
    const cur = o + 1;
    for (let i = 0; i < rowBytes; i++) {
      const a = i >= bpp ? raw[cur + i - bpp]! : 0;
      const b = prev >= 0 ? raw[prev + i]! : 0;
      const c = prev >= 0 && i >= bpp ? raw[prev + i - bpp]! : 0;
      let add: number;
      switch (type) {
        case 0:
          add = 0;
          break;
        case 1:
          add = a;
          break;
        case 2:
          add = b;
          break;
        case 3:
          add = (a + b) >> 1;
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          add = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default:
          throw new Error(`PNG filter type ${type} is invalid`);
      }
      raw[cur + i] = (raw[cur + i]! + add) & 0xff;
    }
    prev = cur;
    o = cur + rowBytes;
  }
  return o;
}

interface PngFormat {
  raw: Uint8Array;
  channels: number;
  depth: number;
  colorType: number;
  palette: Uint8Array | undefined;
  out: Uint8Array;
}

/** Sample k of the pixel in column `col` of the defiltered row at `row`, as 8 bits (palette: the index). */
function pngSample(f: PngFormat, row: number, col: number, k: number): number {
  const { raw, depth, channels } = f;
  if (depth === 8) return raw[row + col * channels + k]!;
  if (depth === 16) return raw[row + (col * channels + k) * 2]!; // high byte
  const maxv = (1 << depth) - 1;
  const bit = (col * channels + k) * depth;
  const v = (raw[row + (bit >> 3)]! >> (8 - depth - (bit & 7))) & maxv;
  return f.colorType === 3 ? v : Math.round((v * 255) / maxv);
}

/** Writes the RGB of one pixel at out[d..d+2]. */
function pngPixel(f: PngFormat, row: number, col: number, d: number): void {
  const out = f.out;
  if (f.colorType === 3) {
    const i = pngSample(f, row, col, 0);
    const pal = f.palette!;
    need(i * 3 + 2 < pal.length, 'PNG palette index out of range');
    out[d] = pal[i * 3]!;
    out[d + 1] = pal[i * 3 + 1]!;
    out[d + 2] = pal[i * 3 + 2]!;
  } else if (f.colorType === 0 || f.colorType === 4) {
    const g = pngSample(f, row, col, 0);
    out[d] = out[d + 1] = out[d + 2] = g;
  } else {
    out[d] = pngSample(f, row, col, 0);
    out[d + 1] = pngSample(f, row, col, 1);
    out[d + 2] = pngSample(f, row, col, 2);
  }
}

function decodePng(b: Uint8Array): Rgb {
  let o = 8;
  let width = 0;
  let height = 0;
  let depth = 0;
  let colorType = 0;
  let interlace = 0;
  let palette: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  let seenHeader = false;
  while (o + 8 <= b.length) {
    const len = u32be(b, o);
    const type = String.fromCharCode(b[o + 4]!, b[o + 5]!, b[o + 6]!, b[o + 7]!);
    const body = o + 8;
    need(body + len + 4 <= b.length, `PNG chunk ${type} is truncated`);
    if (type === 'IHDR') {
      need(len >= 13, 'PNG IHDR is too short');
      width = u32be(b, body);
      height = u32be(b, body + 4);
      depth = b[body + 8]!;
      colorType = b[body + 9]!;
      need(b[body + 10] === 0 && b[body + 11] === 0, 'PNG uses an unknown compression or filter method');
      interlace = b[body + 12]!;
      seenHeader = true;
    } else if (type === 'PLTE') palette = b.subarray(body, body + len);
    else if (type === 'IDAT') idat.push(b.subarray(body, body + len));
    else if (type === 'IEND') break;
    o = body + len + 4;
  }
  need(seenHeader && width > 0 && height > 0, 'PNG has no valid IHDR');
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType];
  need(channels !== undefined, `PNG color type ${colorType} is invalid`);
  const okDepth = colorType === 0 ? [1, 2, 4, 8, 16] : colorType === 3 ? [1, 2, 4, 8] : [8, 16];
  need(okDepth.includes(depth), `PNG bit depth ${depth} is invalid for color type ${colorType}`);
  need(colorType !== 3 || palette !== undefined, 'PNG palette image has no PLTE');
  const raw = new Uint8Array(zlib().inflateSync(Buffer.concat(idat)));
  const bitsPerPixel = channels * depth;
  const bpp = Math.max(1, bitsPerPixel >> 3);
  const out = new Uint8Array(width * height * 3);
  const f: PngFormat = { raw, channels, depth, colorType, palette, out };
  if (interlace === 0) {
    const rowBytes = Math.ceil((width * bitsPerPixel) / 8);
    unfilter(raw, 0, rowBytes, height, bpp);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pngPixel(f, y * (rowBytes + 1) + 1, x, (y * width + x) * 3);
  } else {
    need(interlace === 1, `PNG interlace method ${interlace} is invalid`);
    let start = 0;
    for (const [x0, y0, dx, dy] of ADAM7) {
      const pw = Math.ceil((width - x0) / dx);
      const ph = Math.ceil((height - y0) / dy);
      if (pw <= 0 || ph <= 0) continue;
      const rowBytes = Math.ceil((pw * bitsPerPixel) / 8);
      const end = unfilter(raw, start, rowBytes, ph, bpp);
      for (let j = 0; j < ph; j++) for (let i = 0; i < pw; i++) pngPixel(f, start + j * (rowBytes + 1) + 1, i, ((y0 + j * dy) * width + x0 + i * dx) * 3);
      start = end;
    }
  }
  return { width, height, data: out };
}

// ---- BMP ------------------------------------------------------------------------------

/** Shift and width of a channel bit mask. */
function maskInfo(mask: number): { shift: number; bits: number } {
  if (mask === 0) return { shift: 0, bits: 0 };
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  let bits = 0;
  while (((mask >>> (shift + bits)) & 1) === 1) bits++;
  return { shift, bits };
}

function decodeBmp(b: Uint8Array): Rgb {
  need(b.length >= 26, 'BMP is truncated');
  const dataOffset = u32le(b, 10);
  const hsize = u32le(b, 14);
  let width: number;
  let height: number;
  let bitCount: number;
  let compression = 0;
  let colorsUsed = 0;
  let paletteEntry = 4;
  if (hsize === 12) {
    width = u16le(b, 18);
    height = (u16le(b, 20) << 16) >> 16;
    bitCount = u16le(b, 24);
    paletteEntry = 3;
  } else {
    need(hsize >= 40 && b.length >= 14 + hsize, `BMP header of ${hsize} bytes is not supported`);
    width = i32le(b, 18);
    height = i32le(b, 22);
    bitCount = u16le(b, 28);
    compression = u32le(b, 30);
    colorsUsed = u32le(b, 46);
  }
  need(width > 0 && height !== 0, 'BMP has an empty size');
  const topDown = height < 0;
  height = Math.abs(height);
  let masks: [number, number, number] | undefined;
  if (compression === 3 || compression === 6) {
    // BITFIELDS: the masks follow a 40-byte header, or are part of a larger one.
    const mo = hsize >= 52 ? 14 + 40 : 14 + hsize;
    need(mo + 12 <= b.length, 'BMP bit masks are truncated');
    masks = [u32le(b, mo), u32le(b, mo + 4), u32le(b, mo + 8)];
  } else if (bitCount === 16) masks = [0x7c00, 0x03e0, 0x001f];
  else if (bitCount === 32) masks = [0xff0000, 0x00ff00, 0x0000ff];
  need(compression === 0 || compression === 1 || compression === 2 || compression === 3 || compression === 6, `BMP compression ${compression} is not supported`);
  let palette: Uint8Array | undefined;
  if (bitCount <= 8) {
    const count = colorsUsed || 1 << bitCount;
    const po = 14 + hsize + (compression === 3 ? 12 : compression === 6 ? 16 : 0);
    need(po + count * paletteEntry <= b.length, 'BMP palette is truncated');
    palette = new Uint8Array(count * 3);
    for (let i = 0; i < count; i++) {
      palette[i * 3] = b[po + i * paletteEntry + 2]!;
      palette[i * 3 + 1] = b[po + i * paletteEntry + 1]!;
      palette[i * 3 + 2] = b[po + i * paletteEntry]!;
    }
  }
  const out = new Uint8Array(width * height * 3);
  const setIndex = (x: number, row: number, idx: number): void => {
    const y = topDown ? row : height - 1 - row;
    const d = (y * width + x) * 3;
    need(idx * 3 + 2 < palette!.length, 'BMP palette index out of range');
    out[d] = palette![idx * 3]!;
    out[d + 1] = palette![idx * 3 + 1]!;
    out[d + 2] = palette![idx * 3 + 2]!;
  };
  if (compression === 1 || compression === 2) {
    decodeBmpRle(b, dataOffset, width, height, compression === 2, setIndex);
    return { width, height, data: out };
  }
  need([1, 2, 4, 8, 16, 24, 32].includes(bitCount), `BMP bit count ${bitCount} is not supported`);
  const stride = Math.ceil((width * bitCount) / 32) * 4;
  need(dataOffset + stride * height <= b.length, 'BMP pixel data is truncated');
  const mi = masks?.map(maskInfo);
  for (let row = 0; row < height; row++) {
    const ro = dataOffset + row * stride;
    const y = topDown ? row : height - 1 - row;
    for (let x = 0; x < width; x++) {
      if (bitCount <= 8) {
        const bit = x * bitCount;
        const v = (b[ro + (bit >> 3)]! >> (8 - bitCount - (bit & 7))) & ((1 << bitCount) - 1);
        setIndex(x, row, v);
        continue;
      }
      const d = (y * width + x) * 3;
      if (bitCount === 24) {
        out[d] = b[ro + x * 3 + 2]!;
        out[d + 1] = b[ro + x * 3 + 1]!;
        out[d + 2] = b[ro + x * 3]!;
        continue;
      }
      const px = bitCount === 16 ? u16le(b, ro + x * 2) : u32le(b, ro + x * 4);
      for (let k = 0; k < 3; k++) {
        const { shift, bits } = mi![k]!;
        if (bits === 0) continue;
        const v = (px >>> shift) & ((1 << bits) - 1);
        out[d + k] = bits >= 8 ? v >>> (bits - 8) : Math.round((v * 255) / ((1 << bits) - 1));
      }
    }
  }
  return { width, height, data: out };
}

/** RLE8 / RLE4 pixel data; rows are counted from the bottom (as stored). */
function decodeBmpRle(b: Uint8Array, o: number, width: number, height: number, four: boolean, set: (x: number, row: number, idx: number) => void): void {
  let x = 0;
  let row = 0;
  while (o + 1 < b.length && row < height) {
    const n = b[o]!;
    const v = b[o + 1]!;
    o += 2;
    if (n > 0) {
      for (let i = 0; i < n && x < width; i++, x++) set(x, row, four ? (i % 2 === 0 ? v >> 4 : v & 15) : v);
    } else if (v === 0) {
      x = 0;
      row++;
    } else if (v === 1) return;
    else if (v === 2) {
      need(o + 1 < b.length, 'BMP RLE delta is truncated');
      x += b[o]!;
      row += b[o + 1]!;
      o += 2;
    } else {
      // Absolute run of v pixels, padded to a 16-bit boundary.
      const bytes = four ? Math.ceil(v / 2) : v;
      need(o + bytes <= b.length, 'BMP RLE run is truncated');
      for (let i = 0; i < v; i++, x++) {
        const idx = four ? (i % 2 === 0 ? b[o + (i >> 1)]! >> 4 : b[o + (i >> 1)]! & 15) : b[o + i]!;
        if (x < width) set(x, row, idx);
      }
      o += bytes + (bytes & 1);
    }
  }
}

// ---- PNM (PBM, PGM, PPM) ----------------------------------------------------------------

function decodePnm(b: Uint8Array): Rgb {
  const kind = b[1]! - 48;
  let o = 2;
  const token = (): number => {
    for (;;) {
      while (o < b.length && /\s/.test(String.fromCharCode(b[o]!))) o++;
      if (b[o] === 35) while (o < b.length && b[o] !== 10 && b[o] !== 13) o++; // # comment
      else break;
    }
    const s = o;
    while (o < b.length && b[o]! >= 48 && b[o]! <= 57) o++;
    need(o > s, 'PNM header is malformed');
    return Number(String.fromCharCode(...b.subarray(s, o)));
  };
  const width = token();
  const height = token();
  const bitmap = kind === 1 || kind === 4;
  const maxval = bitmap ? 1 : token();
  need(width > 0 && height > 0 && maxval > 0 && maxval < 65536, 'PNM header has invalid values');
  const channels = kind === 3 || kind === 6 ? 3 : 1;
  const binary = kind >= 4;
  if (binary) o++; // the single whitespace after the header
  const out = new Uint8Array(width * height * 3);
  const wide = maxval > 255;
  const scale = (v: number): number => (bitmap ? (v ? 0 : 255) : maxval === 255 ? v : Math.round((v * 255) / maxval));
  for (let y = 0; y < height; y++) {
    const rowStart = o;
    for (let x = 0; x < width; x++) {
      const d = (y * width + x) * 3;
      for (let k = 0; k < channels; k++) {
        let v: number;
        if (!binary) {
          if (bitmap) {
            while (o < b.length && b[o] !== 48 && b[o] !== 49) o++;
            need(o < b.length, 'PBM data is truncated');
            v = b[o++]! - 48;
          } else v = token();
        } else if (bitmap) {
          need(rowStart + (x >> 3) < b.length, 'PBM data is truncated');
          v = (b[rowStart + (x >> 3)]! >> (7 - (x & 7))) & 1;
        } else if (wide) {
          need(o + 1 < b.length, 'PNM data is truncated');
          v = (b[o]! << 8) | b[o + 1]!;
          o += 2;
        } else {
          need(o < b.length, 'PNM data is truncated');
          v = b[o++]!;
        }
        const s = scale(v);
        if (channels === 1) out[d] = out[d + 1] = out[d + 2] = s;
        else out[d + k] = s;
      }
    }
    if (binary && bitmap) o = rowStart + Math.ceil(width / 8);
  }
  return { width, height, data: out };
}

// ---- dispatch --------------------------------------------------------------------------

/** Decodes a PNG, BMP or PNM stream to RGB; throws Unsupported for known formats it lacks. */
function decodeImage(b: Uint8Array): Rgb {
  const starts = (...sig: number[]) => sig.every((v, i) => b[i] === v);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return decodePng(b);
  if (starts(0x42, 0x4d)) return decodeBmp(b);
  if (b[0] === 0x50 && b[1]! >= 0x31 && b[1]! <= 0x36) return decodePnm(b);
  if (starts(0xff, 0xd8, 0xff)) {
    try {
      const j = decodeJpeg(b);
      if (j.channels === 3) return { width: j.width, height: j.height, data: j.data };
      const data = new Uint8Array(j.width * j.height * 3);
      for (let i = 0; i < j.data.length; i++) data[i * 3] = data[i * 3 + 1] = data[i * 3 + 2] = j.data[i]!;
      return { width: j.width, height: j.height, data };
    } catch (e) {
      if (e instanceof JpegUnsupported) throw new Unsupported(e.message);
      throw e;
    }
  }
  if (starts(0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50) || starts(0xff, 0x4f, 0xff, 0x51)) throw new Unsupported('JPEG 2000 decoding is not implemented');
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) throw new Unsupported('TIFF decoding is not implemented');
  if (starts(0x52, 0x49, 0x46, 0x46) && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) throw new Unsupported('WebP decoding is not implemented');
  throw new Error('the stream is not a known image format');
}

function readFormat(ctx: { attr: InferContext['attr'] }, fail: (m: string) => never): 'RGB' | 'BGR' | 'Grayscale' {
  const f = ctx.attr.string('pixel_format');
  if (f !== 'RGB' && f !== 'BGR' && f !== 'Grayscale') fail(`pixel_format must be RGB, BGR or Grayscale, got "${f}"`);
  return f;
}

/**
 * ImageDecoder: JPEG (baseline and progressive, as libjpeg-turbo decodes it), PNG (every color
 * type, bit depth and interlacing), BMP (1-32 bits, RLE, bit fields) and PNM to [H, W, 3]
 * (RGB/BGR) or [H, W, 1] (Grayscale, ITU-R 601 luma as Pillow computes it). A corrupt stream gives
 * an empty [0, 0, C] image, as the spec says; JPEG 2000, TIFF and WebP are recognized and reported
 * as not implemented.
 */
function imageDecoderKernel(ctx: KernelContext) {
  const fail: (m: string) => never = (m) => ctx.fail(m);
  const x = ctx.input(0);
  if (x.rank !== 1) fail(`encoded_stream must be 1-D, got rank ${x.rank}`);
  const format = readFormat(ctx, fail);
  const channels = format === 'Grayscale' ? 1 : 3;
  let img: Rgb;
  try {
    img = decodeImage(x.data() as Uint8Array);
  } catch (e) {
    if (e instanceof Unsupported) fail(e.message);
    return [Tensor.fromData(DataType.UINT8, [0, 0, channels], new Uint8Array(0))];
  }
  const n = img.width * img.height;
  const src = img.data;
  if (format === 'RGB') return [Tensor.fromData(DataType.UINT8, [img.height, img.width, 3], src)];
  const out = new Uint8Array(n * channels);
  if (format === 'BGR') {
    for (let i = 0; i < n; i++) {
      out[i * 3] = src[i * 3 + 2]!;
      out[i * 3 + 1] = src[i * 3 + 1]!;
      out[i * 3 + 2] = src[i * 3]!;
    }
  } else {
    for (let i = 0; i < n; i++) out[i] = (src[i * 3]! * 19595 + src[i * 3 + 1]! * 38470 + src[i * 3 + 2]! * 7471 + 0x8000) >>> 16;
  }
  return [Tensor.fromData(DataType.UINT8, [img.height, img.width, channels], out)];
}

function inferImageDecoder(ctx: InferContext): (ValueType | undefined)[] {
  const format = readFormat(ctx, (m) => ctx.fail(m));
  const s = ctx.input(0).shape;
  if (s && s.length !== 1) ctx.fail(`encoded_stream must be 1-D, got rank ${s.length}`);
  // Height and width depend on the stream's contents.
  return [tensorType(DataType.UINT8, [ctx.newSymbol(), ctx.newSymbol(), format === 'Grayscale' ? 1 : 3])];
}

export default defineOp({
  opType: 'ImageDecoder',
  category: 'image',
  infer: inferImageDecoder,
  kernel: imageDecoderKernel,
  versions: [
    { since: 20, inputs: 'encoded_stream:T1', outputs: 'image:T2', attrs: { pixel_format: 'string=RGB' }, types: { T1: 'uint8', T2: 'uint8' } },
  ],
});
