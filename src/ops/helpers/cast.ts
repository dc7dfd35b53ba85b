/**
 * Element type conversion (Cast, CastLike): every pair of numeric types, bool, and strings
 * parsed and formatted as numpy does ("0.1", "1e-05", "inf", "nan"; "INF"/"+inf"/"NaN" parse).
 * Floats to integers truncate (to 4/2-bit integers: round half to even); integers wrap to the
 * target width; narrow floats round once to nearest even (float8 saturating unless told not to).
 */
import { DataType, dtypeInfo, dtypeName, type TensorData } from '../../ir/dtype.js';
import {
  bf16ToF32,
  e8m0ToF32,
  f16ToF32,
  f32ToBf16,
  f32ToE8m0,
  f32ToF16,
  float4e2m1,
  float8e4m3fn,
  float8e4m3fnuz,
  float8e5m2,
  float8e5m2fnuz,
} from '../../ir/float-formats.js';
import { Tensor } from '../../ir/tensor.js';
import { encodeFloats, toFloat32, toFloat64 } from './convert.js';

export interface CastOptions {
  /** float8 (and float8e8m0) targets: clamp out-of-range values to the largest finite value. */
  saturate?: boolean;
  /** float8e8m0 targets: 'up' (default), 'down' or 'nearest'. */
  roundMode?: 'up' | 'down' | 'nearest';
}

/** Whether `t` is a type Cast converts (every type but complex and undefined). */
export function isCastable(t: DataType): boolean {
  return t !== DataType.UNDEFINED && t !== DataType.COMPLEX64 && t !== DataType.COMPLEX128 && dtypeInfo(t).type === t;
}

/** Converts `x` to `to`; throws (via `fail`) for complex types. */
export function castTensor(x: Tensor, to: DataType, opts: CastOptions, fail: (m: string) => never): Tensor {
  if (!isCastable(x.dtype)) fail(`cannot cast from ${dtypeName(x.dtype)}`);
  if (!isCastable(to)) fail(`cannot cast to ${dtypeName(to)}`);
  if (x.dtype === to) return x;
  if (to === DataType.STRING) return Tensor.fromData(to, x.dims, formatAll(x));
  return Tensor.fromData(to, x.dims, x.dtype === DataType.STRING ? fromStrings(x.data() as string[], to, opts) : fromNumbers(x, to, opts));
}

// ---- numbers to numbers -----------------------------------------------------------------

function isBig(t: DataType): boolean {
  return t === DataType.INT64 || t === DataType.UINT64;
}

/** Round half to even of a double. */
function rint(v: number): number {
  const f = Math.floor(v);
  const diff = v - f;
  if (diff < 0.5) return f;
  if (diff > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * Rounds a double to the grid of a binary float with `mant` fraction bits and minimum normal
 * exponent `emin` (so that converting it to float16/bfloat16 afterwards is exact: one rounding).
 */
function roundToGrid(v: number, mant: number, emin: number): number {
  if (!Number.isFinite(v) || v === 0) return v;
  const a = Math.abs(v);
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  if (e < emin) e = emin;
  const ulp = 2 ** (e - mant);
  return Math.sign(v) * rint(a / ulp) * ulp;
}

/** Types whose values may carry more precision than float32 (so float16/bfloat16 need one exact rounding). */
function widerThanF32(t: DataType): boolean {
  return t === DataType.DOUBLE || t === DataType.INT32 || t === DataType.UINT32 || isBig(t);
}

function fromNumbers(x: Tensor, to: DataType, opts: CastOptions): TensorData {
  const n = x.size;
  const from = x.dtype;
  const src = x.data();
  const toInfo = dtypeInfo(to);
  if (isBig(from)) {
    const s = src as BigInt64Array | BigUint64Array;
    if (isBig(to)) {
      const out = to === DataType.INT64 ? new BigInt64Array(n) : new BigUint64Array(n);
      const signed = to === DataType.INT64;
      for (let i = 0; i < n; i++) out[i] = signed ? BigInt.asIntN(64, s[i]!) : BigInt.asUintN(64, s[i]!);
      return out;
    }
    if (to === DataType.BOOL) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = s[i] !== 0n ? 1 : 0;
      return out;
    }
    if (toInfo.isInt) {
      const out = new toInfo.array!(n) as Int32Array;
      const bits = toInfo.bits;
      for (let i = 0; i < n; i++) out[i] = Number(toInfo.isSigned ? BigInt.asIntN(bits, s[i]!) : BigInt.asUintN(bits, s[i]!));
      return out;
    }
    const vals = new Float64Array(n);
    for (let i = 0; i < n; i++) vals[i] = Number(s[i]!);
    return toFloatType(vals, from, to, opts);
  }
  if (toInfo.isFloat && !widerThanF32(from)) {
    // Values that float32 holds exactly convert to any float type with one rounding.
    return encodeFloats(to, toFloat32(x), { saturate: opts.saturate ?? true, roundMode: opts.roundMode ?? 'up' });
  }
  const vals = toFloat64(x);
  const srcFloat = dtypeInfo(from).isFloat;
  if (isBig(to)) {
    const out = to === DataType.INT64 ? new BigInt64Array(n) : new BigUint64Array(n);
    const signed = to === DataType.INT64;
    for (let i = 0; i < n; i++) {
      const v = vals[i]!;
      const b = Number.isFinite(v) ? BigInt(Math.trunc(v)) : v > 0 ? 0x7fffffffffffffffn : -0x8000000000000000n;
      out[i] = signed ? BigInt.asIntN(64, b) : BigInt.asUintN(64, b);
    }
    return out;
  }
  if (to === DataType.BOOL) {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = vals[i] !== 0 ? 1 : 0;
    return out;
  }
  if (toInfo.isInt) {
    const out = new toInfo.array!(n) as Int32Array;
    if (toInfo.bits < 8) {
      const bits = toInfo.bits;
      const mask = (1 << bits) - 1;
      const signBit = 1 << (bits - 1);
      for (let i = 0; i < n; i++) {
        const v = vals[i]!;
        let w = (srcFloat ? (Number.isFinite(v) ? rint(v) : 0) : v) & mask;
        if (toInfo.isSigned && w & signBit) w -= 1 << bits;
        out[i] = w;
      }
      return out;
    }
    // Typed-array stores wrap integers modulo 2^bits (C casts); floats truncate toward zero first.
    if (srcFloat) for (let i = 0; i < n; i++) out[i] = Math.trunc(vals[i]!);
    else for (let i = 0; i < n; i++) out[i] = vals[i]!;
    return out;
  }
  return toFloatType(vals, from, to, opts);
}

function toFloatType(vals: Float64Array, from: DataType, to: DataType, opts: CastOptions): TensorData {
  if (to === DataType.FLOAT16 && widerThanF32(from)) for (let i = 0; i < vals.length; i++) vals[i] = roundToGrid(vals[i]!, 10, -14);
  if (to === DataType.BFLOAT16 && widerThanF32(from)) for (let i = 0; i < vals.length; i++) vals[i] = roundToGrid(vals[i]!, 7, -126);
  return encodeFloats(to, vals, { saturate: opts.saturate ?? true, roundMode: opts.roundMode ?? 'up' });
}

// ---- strings ----------------------------------------------------------------------------

/** Parses a number as numpy does: plain or scientific notation, INF/+INF/-INF/NaN in any case. */
export function parseNumber(s: string): number {
  const t = s.trim();
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(t);
  if (special) return special[2]!.toLowerCase() === 'nan' ? NaN : special[1] === '-' ? -Infinity : Infinity;
  return t === '' ? NaN : Number(t);
}

function fromStrings(src: readonly string[], to: DataType, opts: CastOptions): TensorData {
  const n = src.length;
  if (isBig(to)) {
    const out = to === DataType.INT64 ? new BigInt64Array(n) : new BigUint64Array(n);
    for (let i = 0; i < n; i++) {
      const t = src[i]!.trim();
      let b: bigint;
      if (/^[+-]?\d+$/.test(t)) b = BigInt(t.startsWith('+') ? t.slice(1) : t);
      else {
        const v = parseNumber(t);
        b = Number.isFinite(v) ? BigInt(Math.trunc(v)) : 0n;
      }
      out[i] = to === DataType.INT64 ? BigInt.asIntN(64, b) : BigInt.asUintN(64, b);
    }
    return out;
  }
  const vals = new Float64Array(n);
  for (let i = 0; i < n; i++) vals[i] = parseNumber(src[i]!);
  return fromNumbers(Tensor.fromData(DataType.DOUBLE, [n], vals), to, opts);
}

/** value -> the nearest value of the type, for finding the shortest digits that round-trip. */
function roundTripOf(t: DataType): (v: number) => number {
  switch (t) {
    case DataType.FLOAT:
      return Math.fround;
    case DataType.FLOAT16:
      return (v) => f16ToF32(f32ToF16(v));
    case DataType.BFLOAT16:
      return (v) => bf16ToF32(f32ToBf16(v));
    case DataType.FLOAT8E4M3FN:
      return (v) => float8e4m3fn.decode[float8e4m3fn.encode(v)]!;
    case DataType.FLOAT8E4M3FNUZ:
      return (v) => float8e4m3fnuz.decode[float8e4m3fnuz.encode(v)]!;
    case DataType.FLOAT8E5M2:
      return (v) => float8e5m2.decode[float8e5m2.encode(v)]!;
    case DataType.FLOAT8E5M2FNUZ:
      return (v) => float8e5m2fnuz.decode[float8e5m2fnuz.encode(v)]!;
    case DataType.FLOAT4E2M1:
      return (v) => float4e2m1.decode[float4e2m1.encode(v)]!;
    case DataType.FLOAT8E8M0:
      return (v) => e8m0ToF32(f32ToE8m0(v, true, 'nearest'));
    default:
      return (v) => v;
  }
}

/**
 * numpy's str() of a float: the shortest digits that read back as the same value of its type;
 * positional for 1e-4 <= |v| < 1e16 ("0.001", "100.0"), otherwise scientific ("1e-05", "1.5e+16").
 */
export function formatFloat(v: number, roundTrip: (v: number) => number = (x) => x): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  let exp = '';
  for (let p = 1; p <= 17; p++) {
    exp = v.toExponential(p - 1);
    if (roundTrip(Number(exp)) === v) break;
  }
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(exp)!;
  const sign = m[1]!;
  const digits = (m[2]! + (m[3] ?? '')).replace(/0+$/, '') || '0';
  const e = Number(m[4]);
  const a = Math.abs(v);
  if (a >= 1e-4 && a < 1e16) {
    if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
    const int = digits.length > e + 1 ? digits.slice(0, e + 1) : digits.padEnd(e + 1, '0');
    const frac = digits.length > e + 1 ? digits.slice(e + 1) : '0';
    return `${sign}${int}.${frac}`;
  }
  const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const ee = Math.abs(e);
  return `${sign}${mant}e${e < 0 ? '-' : '+'}${ee < 10 ? `0${ee}` : ee}`;
}

function formatAll(x: Tensor): string[] {
  const n = x.size;
  const out = new Array<string>(n);
  const t = x.dtype;
  if (t === DataType.BOOL) {
    const d = x.data() as Uint8Array;
    for (let i = 0; i < n; i++) out[i] = d[i] ? 'True' : 'False';
    return out;
  }
  const info = dtypeInfo(t);
  if (info.isInt) {
    const d = x.data() as Int32Array;
    for (let i = 0; i < n; i++) out[i] = String(d[i]);
    return out;
  }
  const vals = toFloat64(x);
  const rt = roundTripOf(t);
  for (let i = 0; i < n; i++) out[i] = formatFloat(vals[i]!, rt);
  return out;
}
