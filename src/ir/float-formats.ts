/**
 * Conversions between float32 and the narrow float formats ONNX defines (float16, bfloat16,
 * the float8 family, float4e2m1, float8e8m0). Values of these types are stored as their raw
 * bit patterns (Uint16Array / Uint8Array); kernels compute in float32.
 * Rounding is round-to-nearest-even everywhere, as the spec requires.
 */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** float32 value to IEEE binary16 bits, round to nearest even. */
export function f32ToF16(v: number): number {
  f32[0] = v;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant !== 0 ? 0x200 | (mant >>> 13) : 0);
  const e = exp - 112; // rebias 127 -> 15
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    let r = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    if (rem > half || (rem === half && (r & 1) !== 0)) r++;
    return sign | r;
  }
  let r = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (r & 1) !== 0)) r++;
  return sign | r;
}

/** Lookup table: float16 bits -> float32 value. 256 KiB, built on first use. */
let f16Table: Float32Array | undefined;
function buildF16Table(): Float32Array {
  const t = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >>> 10) & 0x1f;
    const mant = h & 0x3ff;
    if (exp === 0) t[h] = sign * mant * 2 ** -24;
    else if (exp === 0x1f) t[h] = mant ? NaN : sign * Infinity;
    else t[h] = sign * (1 + mant / 1024) * 2 ** (exp - 15);
  }
  return t;
}

export function f16ToF32(h: number): number {
  return (f16Table ??= buildF16Table())[h & 0xffff]!;
}

/** The float16 -> float32 table, for kernels that convert whole arrays. */
export function f16Lookup(): Float32Array {
  return (f16Table ??= buildF16Table());
}

/** float32 value to bfloat16 bits, round to nearest even; NaN stays a quiet NaN. */
export function f32ToBf16(v: number): number {
  f32[0] = v;
  const x = u32[0]!;
  if ((x & 0x7f800000) === 0x7f800000 && (x & 0x7fffff) !== 0) return ((x >>> 16) | 0x40) & 0xffff;
  return ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16) & 0xffff;
}

export function bf16ToF32(b: number): number {
  u32[0] = (b & 0xffff) << 16;
  return f32[0]!;
}

/** Description of a small float format, enough to build its decode table. */
interface SmallFloat {
  bits: 4 | 8;
  expBits: number;
  mantBits: number;
  bias: number;
  /** 'ieee': all-ones exponent is inf/NaN; 'fn': only all-ones is NaN; 'fnuz': 0x80 is NaN; 'none': no NaN. */
  special: 'ieee' | 'fn' | 'fnuz' | 'none';
}

function decodeSmall(f: SmallFloat, code: number): number {
  const signBit = 1 << (f.bits - 1);
  const neg = (code & signBit) !== 0;
  const mag = code & (signBit - 1);
  const exp = mag >>> f.mantBits;
  const mant = mag & ((1 << f.mantBits) - 1);
  const maxExp = (1 << f.expBits) - 1;
  if (f.special === 'fnuz' && code === signBit) return NaN;
  if (f.special === 'fn' && mag === signBit - 1) return NaN;
  if (f.special === 'ieee' && exp === maxExp) return mant ? NaN : neg ? -Infinity : Infinity;
  const v = exp === 0 ? mant * 2 ** (1 - f.bias - f.mantBits) : (1 + mant / (1 << f.mantBits)) * 2 ** (exp - f.bias);
  return neg ? -v : v;
}

/** A small float format with a decode table and a saturating / non-saturating encoder. */
class SmallFloatCodec {
  readonly decode: Float32Array;
  /** Positive finite codes in increasing order of value (code 0 first). */
  private readonly codes: number[] = [];
  private readonly values: number[] = [];
  private readonly maxCode: number;
  private readonly maxValue: number;
  private readonly overflowAt: number;
  private readonly signBit: number;

  constructor(private readonly f: SmallFloat) {
    const n = 1 << f.bits;
    this.signBit = n >>> 1;
    this.decode = new Float32Array(n);
    for (let c = 0; c < n; c++) this.decode[c] = decodeSmall(f, c);
    for (let c = 0; c < this.signBit; c++) {
      const v = this.decode[c]!;
      if (Number.isFinite(v)) {
        this.codes.push(c);
        this.values.push(v);
      }
    }
    this.maxCode = this.codes[this.codes.length - 1]!;
    this.maxValue = this.values[this.values.length - 1]!;
    const ulp = this.maxValue - this.values[this.values.length - 2]!;
    // The rounded value exceeds the maximum above this point; a tie goes to the even code.
    this.overflowAt = this.maxValue + ulp / 2;
  }

  private nanCode(neg: boolean): number {
    switch (this.f.special) {
      case 'fnuz':
        return this.signBit;
      case 'fn':
        return (neg ? this.signBit : 0) | (this.signBit - 1);
      case 'ieee':
        return (neg ? this.signBit : 0) | (this.signBit - 1);
      default:
        return 0;
    }
  }

  encode(v: number, saturate = true): number {
    const neg = v < 0 || Object.is(v, -0);
    // FNUZ formats have negative numbers too; only a zero result drops the sign (0x80 is NaN).
    const sign = neg ? this.signBit : 0;
    if (Number.isNaN(v)) return this.nanCode(neg);
    const a = Math.abs(v);
    const overflow = a > this.overflowAt || (a === this.overflowAt && (this.maxCode & 1) !== 0);
    if (overflow) {
      if (saturate || this.f.special === 'none') return sign | this.maxCode;
      if (this.f.special === 'ieee') return sign | (this.maxCode + 1);
      return this.nanCode(neg);
    }
    if (a >= this.maxValue) return sign | this.maxCode;
    // Binary search for the first value >= a, then pick the nearer neighbour (ties to even).
    let lo = 0;
    let hi = this.values.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.values[mid]! < a) lo = mid + 1;
      else hi = mid;
    }
    let code = this.codes[lo]!;
    if (lo > 0 && this.values[lo] !== a) {
      const below = this.values[lo - 1]!;
      const above = this.values[lo]!;
      const dBelow = a - below;
      const dAbove = above - a;
      if (dBelow < dAbove || (dBelow === dAbove && (this.codes[lo - 1]! & 1) === 0)) code = this.codes[lo - 1]!;
    }
    if (code === 0 && this.f.special === 'fnuz') return 0;
    return sign | code;
  }
}

export const float8e4m3fn = new SmallFloatCodec({ bits: 8, expBits: 4, mantBits: 3, bias: 7, special: 'fn' });
export const float8e4m3fnuz = new SmallFloatCodec({ bits: 8, expBits: 4, mantBits: 3, bias: 8, special: 'fnuz' });
export const float8e5m2 = new SmallFloatCodec({ bits: 8, expBits: 5, mantBits: 2, bias: 15, special: 'ieee' });
export const float8e5m2fnuz = new SmallFloatCodec({ bits: 8, expBits: 5, mantBits: 2, bias: 16, special: 'fnuz' });
export const float4e2m1 = new SmallFloatCodec({ bits: 4, expBits: 2, mantBits: 1, bias: 1, special: 'none' });

export type SmallFloatCodecT = SmallFloatCodec;

/** float8e8m0: an unsigned power of two 2^(e-127); 0xff is NaN. */
export function e8m0ToF32(code: number): number {
  return code === 0xff ? NaN : 2 ** ((code & 0xff) - 127);
}

/**
 * float32 to float8e8m0 with the rounding modes of Cast-25 ('up', 'down', 'nearest').
 * Rounding is on the value: between 2^e and 2^(e+1), 'nearest' picks the closer one (ties up).
 */
export function f32ToE8m0(v: number, saturate = true, roundMode: 'up' | 'down' | 'nearest' = 'up'): number {
  if (Number.isNaN(v)) return 0xff;
  if (v === Infinity) return saturate ? 0xfe : 0xff;
  if (v <= 0) return saturate ? 0 : 0xff;
  f32[0] = v;
  const bits = u32[0]!;
  let exp = (bits >>> 23) & 0xff;
  const mant = bits & 0x7fffff;
  if (exp === 0) {
    // float32 subnormal: below 2^-126 (code 1); 2^-127 (code 0, the minimum) is mantissa 0x400000.
    if (mant === 0x400000) return 0;
    if (mant > 0x400000) return roundMode === 'up' || (roundMode === 'nearest' && mant >= 0x600000) ? 1 : 0;
    // Below the minimum: saturation (or rounding up) gives the minimum, else NaN (Cast-24's table).
    return saturate || roundMode === 'up' ? 0 : 0xff;
  }
  if (mant !== 0) {
    if (roundMode === 'up') exp += 1;
    else if (roundMode === 'nearest' && mant >= 0x400000) exp += 1;
  }
  if (exp >= 0xff) return saturate ? 0xfe : 0xff;
  return exp;
}
