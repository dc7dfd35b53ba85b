/**
 * A JPEG decoder (baseline, extended and progressive Huffman-coded, 8-bit, 1 or 3 components)
 * that reproduces libjpeg-turbo's default output: the accurate integer IDCT ("islow"), "fancy"
 * (triangle) chroma upsampling and its fixed-point YCbCr -> RGB tables. Arithmetic coding,
 * lossless and hierarchical modes, 12-bit samples and CMYK/YCCK are reported as unsupported.
 */

/** A stream that is valid JPEG but uses a feature this decoder lacks. */
export class JpegUnsupported extends Error {}

export interface JpegImage {
  width: number;
  height: number;
  /** 1 (gray) or 3 (RGB), interleaved. */
  channels: 1 | 3;
  data: Uint8Array;
}

const ZIGZAG = Int32Array.of(
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50,
  43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
);

interface Huffman {
  /** Largest code of each length (1..16), -1 when none; index 17 is a sentinel. */
  maxcode: Int32Array;
  /** Index into `values` of the first code of each length, minus that code. */
  valptr: Int32Array;
  values: Uint8Array;
  /** For every 9-bit prefix: (code length << 8) | symbol, or 0 when the code is longer. */
  lut: Uint16Array;
}

const LUT_BITS = 9;

function buildHuffman(counts: Uint8Array, values: Uint8Array): Huffman {
  const maxcode = new Int32Array(18).fill(-1);
  const valptr = new Int32Array(17);
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    const n = counts[len - 1]!;
    if (n) {
      valptr[len] = k - code;
      code += n;
      k += n;
      maxcode[len] = code - 1;
    }
    code <<= 1;
  }
  maxcode[17] = 0x7fffffff;
  const lut = new Uint16Array(1 << LUT_BITS);
  code = 0;
  k = 0;
  for (let len = 1; len <= LUT_BITS; len++) {
    for (let i = 0; i < counts[len - 1]!; i++, k++, code++) {
      const shift = LUT_BITS - len;
      for (let j = 0; j < 1 << shift; j++) lut[(code << shift) | j] = (len << 8) | values[k]!;
    }
    code <<= 1;
  }
  return { maxcode, valptr, values, lut };
}

interface Component {
  id: number;
  h: number;
  v: number;
  tq: number;
  /** Blocks covering the component's own samples, and the allocation (whole MCUs). */
  blocksPerLine: number;
  blocksPerColumn: number;
  allocPerLine: number;
  allocPerColumn: number;
  /** Sample dims of the component (ceil of the image dims scaled by its sampling factors). */
  width: number;
  height: number;
  coefs: Int32Array;
  dcTable?: Huffman;
  acTable?: Huffman;
  pred: number;
}

/** Entropy-coded data: bits MSB first, 0xFF00 unstuffed; a marker ends the data (zeros follow). */
class BitReader {
  private acc = 0;
  private bits = 0;
  /** Set when a marker was hit while reading. */
  marker = -1;
  constructor(
    private readonly b: Uint8Array,
    public pos: number,
  ) {}
  private fill(): void {
    while (this.bits <= 24) {
      let byte = 0;
      if (this.marker < 0 && this.pos < this.b.length) {
        byte = this.b[this.pos]!;
        if (byte === 0xff) {
          const next = this.b[this.pos + 1];
          if (next === 0) this.pos += 2;
          else {
            this.marker = next ?? 0xd9;
            byte = 0;
          }
        } else this.pos++;
      }
      this.acc = ((this.acc << 8) | byte) >>> 0;
      this.bits += 8;
    }
  }
  bit(): number {
    if (this.bits === 0) this.fill();
    this.bits--;
    return (this.acc >>> this.bits) & 1;
  }
  receive(n: number): number {
    if (n === 0) return 0;
    if (this.bits < n) this.fill();
    this.bits -= n;
    return (this.acc >>> this.bits) & ((1 << n) - 1);
  }
  decode(t: Huffman): number {
    if (this.bits < 16) this.fill();
    const e = t.lut[(this.acc >>> (this.bits - LUT_BITS)) & ((1 << LUT_BITS) - 1)]!;
    if (e !== 0) {
      this.bits -= e >> 8;
      return e & 255;
    }
    let code = this.bit();
    let len = 1;
    while (code > t.maxcode[len]!) {
      code = (code << 1) | this.bit();
      len++;
    }
    if (len > 16) throw new Error('JPEG Huffman code is invalid');
    return t.values[t.valptr[len]! + code]!;
  }
  /** Drops buffered bits and moves past a restart marker (RSTn) if one is next. */
  restart(): void {
    this.acc = 0;
    this.bits = 0;
    if (this.marker >= 0xd0 && this.marker <= 0xd7) {
      this.pos += 2;
      this.marker = -1;
      return;
    }
    if (this.marker < 0) {
      // Skip to the next marker (libjpeg resynchronizes the same way).
      while (this.pos + 1 < this.b.length && !(this.b[this.pos] === 0xff && this.b[this.pos + 1]! >= 0xd0 && this.b[this.pos + 1]! <= 0xd7)) this.pos++;
      if (this.pos + 1 < this.b.length) this.pos += 2;
    }
  }
}

function extend(v: number, s: number): number {
  return v < 1 << (s - 1) ? v - (1 << s) + 1 : v;
}

interface Scan {
  comps: Component[];
  ss: number;
  se: number;
  ah: number;
  al: number;
  progressive: boolean;
}

class ScanDecoder {
  private eobrun = 0;
  constructor(
    private readonly r: BitReader,
    private readonly s: Scan,
  ) {}
  resetEob(): void {
    this.eobrun = 0;
  }
  block(c: Component, off: number): void {
    const { r, s } = this;
    const coefs = c.coefs;
    if (!s.progressive) {
      const t = r.decode(c.dcTable!);
      c.pred += t === 0 ? 0 : extend(r.receive(t), t);
      coefs[off] = c.pred;
      for (let k = 1; k < 64; ) {
        const rs = r.decode(c.acTable!);
        const run = rs >> 4;
        const size = rs & 15;
        if (size === 0) {
          if (run < 15) break;
          k += 16;
          continue;
        }
        k += run;
        if (k > 63) break;
        coefs[off + ZIGZAG[k]!] = extend(r.receive(size), size);
        k++;
      }
      return;
    }
    if (s.ss === 0) {
      if (s.ah === 0) {
        const t = r.decode(c.dcTable!);
        c.pred += t === 0 ? 0 : extend(r.receive(t), t);
        coefs[off] = c.pred * (1 << s.al);
      } else if (r.bit()) coefs[off]! |= 1 << s.al;
      return;
    }
    if (s.ah === 0) this.acFirst(c, off);
    else this.acRefine(c, off);
  }
  private acFirst(c: Component, off: number): void {
    const { r, s } = this;
    if (this.eobrun > 0) {
      this.eobrun--;
      return;
    }
    for (let k = s.ss; k <= s.se; ) {
      const rs = r.decode(c.acTable!);
      const run = rs >> 4;
      const size = rs & 15;
      if (size === 0) {
        if (run < 15) {
          this.eobrun = (1 << run) - 1;
          if (run) this.eobrun += r.receive(run);
          break;
        }
        k += 16;
        continue;
      }
      k += run;
      if (k > 63) break;
      c.coefs[off + ZIGZAG[k]!] = extend(r.receive(size), size) * (1 << s.al);
      k++;
    }
  }
  private acRefine(c: Component, off: number): void {
    const { r, s } = this;
    const coefs = c.coefs;
    const p1 = 1 << s.al;
    const m1 = -1 << s.al;
    let k = s.ss;
    if (this.eobrun === 0) {
      for (; k <= s.se; k++) {
        const rs = r.decode(c.acTable!);
        let run = rs >> 4;
        let value = rs & 15;
        if (value) value = r.bit() ? p1 : m1;
        else if (run !== 15) {
          this.eobrun = 1 << run;
          if (run) this.eobrun += r.receive(run);
          break;
        }
        // Skip already-nonzero coefficients (refining them) and `run` zero ones.
        while (k <= s.se) {
          const pos = off + ZIGZAG[k]!;
          const cur = coefs[pos]!;
          if (cur !== 0) {
            if (r.bit() && (cur & p1) === 0) coefs[pos] = cur >= 0 ? cur + p1 : cur + m1;
          } else {
            if (--run < 0) break;
          }
          k++;
        }
        if (value && k <= s.se) coefs[off + ZIGZAG[k]!] = value;
      }
    }
    if (this.eobrun > 0) {
      for (; k <= s.se; k++) {
        const pos = off + ZIGZAG[k]!;
        const cur = coefs[pos]!;
        if (cur !== 0 && r.bit() && (cur & p1) === 0) coefs[pos] = cur >= 0 ? cur + p1 : cur + m1;
      }
      this.eobrun--;
    }
  }
}

function decodeScan(b: Uint8Array, pos: number, scan: Scan, mcusX: number, mcusY: number, restartInterval: number): number {
  const r = new BitReader(b, pos);
  const dec = new ScanDecoder(r, scan);
  for (const c of scan.comps) c.pred = 0;
  const single = scan.comps.length === 1;
  const c0 = scan.comps[0]!;
  const total = single ? c0.blocksPerLine * c0.blocksPerColumn : mcusX * mcusY;
  for (let m = 0; m < total; m++) {
    if (restartInterval && m > 0 && m % restartInterval === 0) {
      r.restart();
      dec.resetEob();
      for (const c of scan.comps) c.pred = 0;
    }
    if (single) {
      const row = Math.floor(m / c0.blocksPerLine);
      const col = m % c0.blocksPerLine;
      dec.block(c0, (row * c0.allocPerLine + col) * 64);
      continue;
    }
    const mx = m % mcusX;
    const my = Math.floor(m / mcusX);
    for (const c of scan.comps) {
      for (let v = 0; v < c.v; v++) {
        for (let h = 0; h < c.h; h++) {
          const row = my * c.v + v;
          const col = mx * c.h + h;
          dec.block(c, (row * c.allocPerLine + col) * 64);
        }
      }
    }
  }
  // Resume parsing at the marker that ended the data.
  let p = r.marker >= 0 ? r.pos : r.pos;
  while (p + 1 < b.length && !(b[p] === 0xff && b[p + 1] !== 0 && !(b[p + 1]! >= 0xd0 && b[p + 1]! <= 0xd7))) p++;
  return p;
}

// ---- IDCT (libjpeg's jidctint.c "islow": 13-bit constants, 2 extra bits in pass 1) -------

const FIX_0_298631336 = 2446;
const FIX_0_390180644 = 3196;
const FIX_0_541196100 = 4433;
const FIX_0_765366865 = 6270;
const FIX_0_899976223 = 7373;
const FIX_1_175875602 = 9633;
const FIX_1_501321110 = 12299;
const FIX_1_847759065 = 15137;
const FIX_1_961570560 = 16069;
const FIX_2_053119869 = 16819;
const FIX_2_562915447 = 20995;
const FIX_3_072711026 = 25172;
const CONST_BITS = 13;
const PASS1_BITS = 2;

/** Inverse DCT of one dequantized block into out (stride `stride`), samples clamped to 0..255. */
function idctBlock(coefs: Int32Array, off: number, q: Int32Array, ws: Int32Array, out: Uint8Array, o: number, stride: number): void {
  // Pass 1: columns, results scaled up by 2^PASS1_BITS.
  for (let c = 0; c < 8; c++) {
    const i = off + c;
    if (coefs[i + 8] === 0 && coefs[i + 16] === 0 && coefs[i + 24] === 0 && coefs[i + 32] === 0 && coefs[i + 40] === 0 && coefs[i + 48] === 0 && coefs[i + 56] === 0) {
      const dc = (coefs[i]! * q[c]!) * (1 << PASS1_BITS);
      for (let k = 0; k < 8; k++) ws[k * 8 + c] = dc;
      continue;
    }
    let z2 = coefs[i + 16]! * q[c + 16]!;
    let z3 = coefs[i + 48]! * q[c + 48]!;
    let z1 = (z2 + z3) * FIX_0_541196100;
    let tmp2 = z1 + z3 * -FIX_1_847759065;
    let tmp3 = z1 + z2 * FIX_0_765366865;
    z2 = coefs[i]! * q[c]!;
    z3 = coefs[i + 32]! * q[c + 32]!;
    let tmp0 = (z2 + z3) * (1 << CONST_BITS);
    let tmp1 = (z2 - z3) * (1 << CONST_BITS);
    const tmp10 = tmp0 + tmp3;
    const tmp13 = tmp0 - tmp3;
    const tmp11 = tmp1 + tmp2;
    const tmp12 = tmp1 - tmp2;
    tmp0 = coefs[i + 56]! * q[c + 56]!;
    tmp1 = coefs[i + 40]! * q[c + 40]!;
    tmp2 = coefs[i + 24]! * q[c + 24]!;
    tmp3 = coefs[i + 8]! * q[c + 8]!;
    z1 = tmp0 + tmp3;
    z2 = tmp1 + tmp2;
    z3 = tmp0 + tmp2;
    let z4 = tmp1 + tmp3;
    const z5 = (z3 + z4) * FIX_1_175875602;
    tmp0 *= FIX_0_298631336;
    tmp1 *= FIX_2_053119869;
    tmp2 *= FIX_3_072711026;
    tmp3 *= FIX_1_501321110;
    z1 *= -FIX_0_899976223;
    z2 *= -FIX_2_562915447;
    z3 = z3 * -FIX_1_961570560 + z5;
    z4 = z4 * -FIX_0_390180644 + z5;
    tmp0 += z1 + z3;
    tmp1 += z2 + z4;
    tmp2 += z2 + z3;
    tmp3 += z1 + z4;
    const sh = CONST_BITS - PASS1_BITS;
    const rnd = 1 << (sh - 1);
    ws[c] = (tmp10 + tmp3 + rnd) >> sh;
    ws[56 + c] = (tmp10 - tmp3 + rnd) >> sh;
    ws[8 + c] = (tmp11 + tmp2 + rnd) >> sh;
    ws[48 + c] = (tmp11 - tmp2 + rnd) >> sh;
    ws[16 + c] = (tmp12 + tmp1 + rnd) >> sh;
    ws[40 + c] = (tmp12 - tmp1 + rnd) >> sh;
    ws[24 + c] = (tmp13 + tmp0 + rnd) >> sh;
    ws[32 + c] = (tmp13 - tmp0 + rnd) >> sh;
  }
  // Pass 2: rows, descaled by 2^(CONST_BITS + PASS1_BITS + 3) and shifted by +128.
  const sh = CONST_BITS + PASS1_BITS + 3;
  const rnd = 1 << (sh - 1);
  for (let rrow = 0; rrow < 8; rrow++) {
    const w = rrow * 8;
    const dst = o + rrow * stride;
    if (ws[w + 1] === 0 && ws[w + 2] === 0 && ws[w + 3] === 0 && ws[w + 4] === 0 && ws[w + 5] === 0 && ws[w + 6] === 0 && ws[w + 7] === 0) {
      const v = clamp(((ws[w]! + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3)) + 128);
      for (let k = 0; k < 8; k++) out[dst + k] = v;
      continue;
    }
    let z2 = ws[w + 2]!;
    let z3 = ws[w + 6]!;
    let z1 = (z2 + z3) * FIX_0_541196100;
    let tmp2 = z1 + z3 * -FIX_1_847759065;
    let tmp3 = z1 + z2 * FIX_0_765366865;
    let tmp0 = (ws[w]! + ws[w + 4]!) * (1 << CONST_BITS);
    let tmp1 = (ws[w]! - ws[w + 4]!) * (1 << CONST_BITS);
    const tmp10 = tmp0 + tmp3;
    const tmp13 = tmp0 - tmp3;
    const tmp11 = tmp1 + tmp2;
    const tmp12 = tmp1 - tmp2;
    tmp0 = ws[w + 7]!;
    tmp1 = ws[w + 5]!;
    tmp2 = ws[w + 3]!;
    tmp3 = ws[w + 1]!;
    z1 = tmp0 + tmp3;
    z2 = tmp1 + tmp2;
    z3 = tmp0 + tmp2;
    let z4 = tmp1 + tmp3;
    const z5 = (z3 + z4) * FIX_1_175875602;
    tmp0 *= FIX_0_298631336;
    tmp1 *= FIX_2_053119869;
    tmp2 *= FIX_3_072711026;
    tmp3 *= FIX_1_501321110;
    z1 *= -FIX_0_899976223;
    z2 *= -FIX_2_562915447;
    z3 = z3 * -FIX_1_961570560 + z5;
    z4 = z4 * -FIX_0_390180644 + z5;
    tmp0 += z1 + z3;
    tmp1 += z2 + z4;
    tmp2 += z2 + z3;
    tmp3 += z1 + z4;
    out[dst] = clamp(descale(tmp10 + tmp3, sh, rnd) + 128);
    out[dst + 7] = clamp(descale(tmp10 - tmp3, sh, rnd) + 128);
    out[dst + 1] = clamp(descale(tmp11 + tmp2, sh, rnd) + 128);
    out[dst + 6] = clamp(descale(tmp11 - tmp2, sh, rnd) + 128);
    out[dst + 2] = clamp(descale(tmp12 + tmp1, sh, rnd) + 128);
    out[dst + 5] = clamp(descale(tmp12 - tmp1, sh, rnd) + 128);
    out[dst + 3] = clamp(descale(tmp13 + tmp0, sh, rnd) + 128);
    out[dst + 4] = clamp(descale(tmp13 - tmp0, sh, rnd) + 128);
  }
}

/** Rounding arithmetic right shift (values of valid streams stay within 32 bits). */
function descale(x: number, sh: number, rnd: number): number {
  return (x + rnd) >> sh;
}

function clamp(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

// ---- upsampling and color conversion (libjpeg-turbo jdsample.c / jdcolor.c) ----------------

/** A component plane upsampled to (outW x outH) the way libjpeg-turbo does with fancy upsampling. */
function upsample(plane: Uint8Array, stride: number, c: Component, hmax: number, vmax: number, outW: number, outH: number): Uint8Array {
  const hx = hmax / c.h;
  const vx = vmax / c.v;
  const dw = c.width;
  const dh = c.height;
  // Rows beyond the component's height repeat its last row (and the row above row 0 is row 0).
  const row = (y: number): number => (y < 0 ? 0 : y >= dh ? dh - 1 : y) * stride;
  const out = new Uint8Array(outW * outH);
  const fullW = dw * hx;
  const tmp = new Uint8Array(Math.max(fullW, outW) + 2);
  if (hx === 1 && vx === 1) {
    for (let y = 0; y < outH; y++) out.set(plane.subarray(row(y), row(y) + outW), y * outW);
    return out;
  }
  if (hx === 2 && vx === 1 && dw > 2) {
    for (let y = 0; y < outH; y++) {
      const r = row(y);
      let inv = plane[r]!;
      tmp[0] = inv;
      tmp[1] = (inv * 3 + plane[r + 1]! + 2) >> 2;
      for (let x = 1; x < dw - 1; x++) {
        inv = plane[r + x]! * 3;
        tmp[2 * x] = (inv + plane[r + x - 1]! + 1) >> 2;
        tmp[2 * x + 1] = (inv + plane[r + x + 1]! + 2) >> 2;
      }
      inv = plane[r + dw - 1]!;
      tmp[2 * dw - 2] = (inv * 3 + plane[r + dw - 2]! + 1) >> 2;
      tmp[2 * dw - 1] = inv;
      out.set(tmp.subarray(0, outW), y * outW);
    }
    return out;
  }
  if (hx === 1 && vx === 2) {
    for (let y = 0; y < outH; y++) {
      const inRow = y >> 1;
      const near = row(inRow);
      const far = row(y & 1 ? inRow + 1 : inRow - 1);
      const bias = y & 1 ? 2 : 1;
      for (let x = 0; x < outW; x++) out[y * outW + x] = (plane[near + x]! * 3 + plane[far + x]! + bias) >> 2;
    }
    return out;
  }
  if (hx === 2 && vx === 2 && dw > 2) {
    for (let y = 0; y < outH; y++) {
      const inRow = y >> 1;
      const r0 = row(inRow);
      const r1 = row(y & 1 ? inRow + 1 : inRow - 1);
      let thiscol = plane[r0]! * 3 + plane[r1]!;
      let nextcol = plane[r0 + 1]! * 3 + plane[r1 + 1]!;
      tmp[0] = (thiscol * 4 + 8) >> 4;
      tmp[1] = (thiscol * 3 + nextcol + 7) >> 4;
      let lastcol = thiscol;
      thiscol = nextcol;
      for (let x = 2; x < dw; x++) {
        nextcol = plane[r0 + x]! * 3 + plane[r1 + x]!;
        tmp[2 * x - 2] = (thiscol * 3 + lastcol + 8) >> 4;
        tmp[2 * x - 1] = (thiscol * 3 + nextcol + 7) >> 4;
        lastcol = thiscol;
        thiscol = nextcol;
      }
      tmp[2 * dw - 2] = (thiscol * 3 + lastcol + 8) >> 4;
      tmp[2 * dw - 1] = (thiscol * 4 + 7) >> 4;
      out.set(tmp.subarray(0, outW), y * outW);
    }
    return out;
  }
  if (!Number.isInteger(hx) || !Number.isInteger(vx)) throw new JpegUnsupported(`JPEG sampling factors ${c.h}x${c.v} of ${hmax}x${vmax} are not supported`);
  // Box replication (libjpeg's plain and integral upsamplers).
  for (let y = 0; y < outH; y++) {
    const r = row(Math.floor(y / vx));
    for (let x = 0; x < outW; x++) out[y * outW + x] = plane[r + Math.floor(x / hx)]!;
  }
  return out;
}

const SCALEBITS = 16;
const ONE_HALF = 1 << (SCALEBITS - 1);
const fix = (x: number): number => Math.floor(x * (1 << SCALEBITS) + 0.5);
let yccTables: { crR: Int32Array; cbB: Int32Array; crG: Int32Array; cbG: Int32Array } | undefined;

function ycc(): NonNullable<typeof yccTables> {
  if (yccTables) return yccTables;
  const crR = new Int32Array(256);
  const cbB = new Int32Array(256);
  const crG = new Int32Array(256);
  const cbG = new Int32Array(256);
  for (let i = 0; i < 256; i++) {
    const x = i - 128;
    crR[i] = Math.floor((fix(1.402) * x + ONE_HALF) / 65536);
    cbB[i] = Math.floor((fix(1.772) * x + ONE_HALF) / 65536);
    crG[i] = -fix(0.71414) * x;
    cbG[i] = -fix(0.34414) * x + ONE_HALF;
  }
  yccTables = { crR, cbB, crG, cbG };
  return yccTables;
}

// ---- container ------------------------------------------------------------------------------

export function decodeJpeg(b: Uint8Array): JpegImage {
  if (b[0] !== 0xff || b[1] !== 0xd8) throw new Error('not a JPEG stream');
  const qt: (Int32Array | undefined)[] = [];
  const dcTables: (Huffman | undefined)[] = [];
  const acTables: (Huffman | undefined)[] = [];
  let comps: Component[] = [];
  let width = 0;
  let height = 0;
  let progressive = false;
  let restartInterval = 0;
  let hmax = 1;
  let vmax = 1;
  let mcusX = 0;
  let mcusY = 0;
  let adobe: number | undefined;
  let jfif = false;
  let frame = false;
  let pos = 2;
  const u16 = (o: number): number => (b[o]! << 8) | b[o + 1]!;
  for (;;) {
    while (pos < b.length && b[pos] !== 0xff) pos++;
    while (pos < b.length && b[pos] === 0xff) pos++;
    if (pos >= b.length) break;
    const marker = b[pos]!;
    pos++;
    if (marker === 0xd9) break;
    if (marker >= 0xd0 && marker <= 0xd7) continue;
    if (pos + 2 > b.length) throw new Error('JPEG segment is truncated');
    const len = u16(pos);
    const end = pos + len;
    if (len < 2 || end > b.length) throw new Error('JPEG segment is truncated');
    const body = pos + 2;
    switch (marker) {
      case 0xdb: {
        for (let p = body; p < end; ) {
          const pq = b[p]! >> 4;
          const tq = b[p]! & 15;
          p++;
          const table = new Int32Array(64);
          for (let k = 0; k < 64; k++) {
            table[ZIGZAG[k]!] = pq ? u16(p + 2 * k) : b[p + k]!;
          }
          p += pq ? 128 : 64;
          qt[tq] = table;
        }
        break;
      }
      case 0xc4: {
        for (let p = body; p < end; ) {
          const tc = b[p]! >> 4;
          const th = b[p]! & 15;
          const counts = b.subarray(p + 1, p + 17);
          let n = 0;
          for (const c of counts) n += c;
          const values = b.slice(p + 17, p + 17 + n);
          (tc === 0 ? dcTables : acTables)[th] = buildHuffman(counts, values);
          p += 17 + n;
        }
        break;
      }
      case 0xdd:
        restartInterval = u16(body);
        break;
      case 0xe0:
        if (String.fromCharCode(...b.subarray(body, body + 4)) === 'JFIF') jfif = true;
        break;
      case 0xee:
        if (String.fromCharCode(...b.subarray(body, body + 5)) === 'Adobe' && len >= 12) adobe = b[body + 11]!;
        break;
      case 0xc0:
      case 0xc1:
      case 0xc2: {
        if (frame) throw new JpegUnsupported('JPEG with several frames is not supported');
        frame = true;
        progressive = marker === 0xc2;
        if (b[body] !== 8) throw new JpegUnsupported(`${b[body]}-bit JPEG samples are not supported`);
        height = u16(body + 1);
        width = u16(body + 3);
        if (height === 0) throw new JpegUnsupported('JPEG height given by a DNL marker is not supported');
        if (width === 0) throw new Error('JPEG width is 0');
        const n = b[body + 5]!;
        if (n !== 1 && n !== 3) throw new JpegUnsupported(`JPEG with ${n} components (CMYK/YCCK) is not supported`);
        comps = [];
        for (let i = 0; i < n; i++) {
          const o = body + 6 + i * 3;
          const h = b[o + 1]! >> 4;
          const v = b[o + 1]! & 15;
          if (h < 1 || h > 4 || v < 1 || v > 4) throw new Error('JPEG sampling factors are invalid');
          comps.push({ id: b[o]!, h, v, tq: b[o + 2]!, blocksPerLine: 0, blocksPerColumn: 0, allocPerLine: 0, allocPerColumn: 0, width: 0, height: 0, coefs: new Int32Array(0), pred: 0 });
        }
        hmax = Math.max(...comps.map((c) => c.h));
        vmax = Math.max(...comps.map((c) => c.v));
        mcusX = Math.ceil(width / (8 * hmax));
        mcusY = Math.ceil(height / (8 * vmax));
        for (const c of comps) {
          c.width = Math.ceil((width * c.h) / hmax);
          c.height = Math.ceil((height * c.v) / vmax);
          c.blocksPerLine = Math.ceil(c.width / 8);
          c.blocksPerColumn = Math.ceil(c.height / 8);
          c.allocPerLine = mcusX * c.h;
          c.allocPerColumn = mcusY * c.v;
          c.coefs = new Int32Array(c.allocPerLine * c.allocPerColumn * 64);
        }
        break;
      }
      case 0xc3:
      case 0xc5:
      case 0xc6:
      case 0xc7:
        throw new JpegUnsupported('lossless and hierarchical JPEG are not supported');
      case 0xc9:
      case 0xca:
      case 0xcb:
      case 0xcd:
      case 0xce:
      case 0xcf:
        throw new JpegUnsupported('arithmetic-coded JPEG is not supported');
      case 0xda: {
        if (!frame) throw new Error('JPEG scan before the frame header');
        const ns = b[body]!;
        const scanComps: Component[] = [];
        for (let i = 0; i < ns; i++) {
          const id = b[body + 1 + i * 2]!;
          const t = b[body + 2 + i * 2]!;
          const c = comps.find((x) => x.id === id);
          if (!c) throw new Error(`JPEG scan names unknown component ${id}`);
          c.dcTable = dcTables[t >> 4];
          c.acTable = acTables[t & 15];
          scanComps.push(c);
        }
        const p = body + 1 + ns * 2;
        const scan: Scan = { comps: scanComps, ss: b[p]!, se: b[p + 1]!, ah: b[p + 2]! >> 4, al: b[p + 2]! & 15, progressive };
        const needDc = !progressive || (scan.ss === 0 && scan.ah === 0);
        const needAc = !progressive || scan.ss > 0;
        for (const c of scanComps) {
          if (needDc && !c.dcTable) throw new Error('JPEG scan uses an undefined DC table');
          if (needAc && !c.acTable) throw new Error('JPEG scan uses an undefined AC table');
        }
        pos = decodeScan(b, end, scan, mcusX, mcusY, restartInterval);
        continue;
      }
      default:
        break;
    }
    pos = end;
  }
  if (!frame) throw new Error('JPEG has no frame header');
  // Dequantize + IDCT every block into component planes.
  const ws = new Int32Array(64);
  const planes = comps.map((c) => {
    const q = qt[c.tq];
    if (!q) throw new Error(`JPEG quantization table ${c.tq} is missing`);
    const stride = c.allocPerLine * 8;
    const plane = new Uint8Array(stride * c.allocPerColumn * 8);
    for (let by = 0; by < c.allocPerColumn; by++) {
      for (let bx = 0; bx < c.allocPerLine; bx++) {
        idctBlock(c.coefs, (by * c.allocPerLine + bx) * 64, q, ws, plane, by * 8 * stride + bx * 8, stride);
      }
    }
    return { plane, stride };
  });
  const n = width * height;
  if (comps.length === 1) {
    const c = comps[0]!;
    const { plane, stride } = planes[0]!;
    const out = upsample(plane, stride, { ...c, h: 1, v: 1 }, 1, 1, width, height);
    return { width, height, channels: 1, data: out };
  }
  const full = comps.map((c, i) => upsample(planes[i]!.plane, planes[i]!.stride, c, hmax, vmax, width, height));
  const out = new Uint8Array(n * 3);
  const ids = comps.map((c) => c.id);
  const rgb = adobe !== undefined && !jfif ? adobe === 0 : !jfif && ids[0] === 82 && ids[1] === 71 && ids[2] === 66;
  const [p0, p1, p2] = full as [Uint8Array, Uint8Array, Uint8Array];
  if (rgb) {
    for (let i = 0; i < n; i++) {
      out[i * 3] = p0[i]!;
      out[i * 3 + 1] = p1[i]!;
      out[i * 3 + 2] = p2[i]!;
    }
  } else {
    const t = ycc();
    for (let i = 0; i < n; i++) {
      const y = p0[i]!;
      const cb = p1[i]!;
      const cr = p2[i]!;
      out[i * 3] = clamp(y + t.crR[cr]!);
      out[i * 3 + 1] = clamp(y + ((t.cbG[cb]! + t.crG[cr]!) >> 16));
      out[i * 3 + 2] = clamp(y + t.cbB[cb]!);
    }
  }
  return { width, height, channels: 3, data: out };
}
