/**
 * Separable resampling shared by Resize and Upsample: per resized axis, every output index gets
 * a few input taps (index, weight); linear/cubic apply the axes one after another in float64,
 * nearest is a single gather that works for every element type (strings, int64, complex ...).
 */
import { DataType, dtypeInfo, type TensorData, type TypedArray } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { encodeFloats, isNarrowFloat, sizeOf, toFloat64 } from './convert.js';

export type ResampleMode = 'nearest' | 'linear' | 'cubic';

/**
 * How to pick the nearest input pixel: the four of Resize-11+, and 'simple' (Resize-10 and
 * Upsample: truncate when upsampling, ceil when downsampling, as onnxruntime does).
 */
export type NearestMode = 'round_prefer_floor' | 'round_prefer_ceil' | 'floor' | 'ceil' | 'simple';

export interface ResampleOptions {
  mode: ResampleMode;
  /** coordinate_transformation_mode (half_pixel, asymmetric, tf_crop_and_resize ...). */
  coordMode: string;
  nearestMode: NearestMode;
  cubicA: number;
  excludeOutside: boolean;
  extrapolation: number;
  antialias: boolean;
}

/** The taps of one axis: for output index o, taps [o*n, o*n+n) of `idx`/`w`; `outside[o]` = extrapolate. */
export interface AxisPlan {
  taps: number;
  idx: Int32Array;
  w: Float64Array;
  outside?: Uint8Array;
  /** Every output index reads exactly its own input index with weight 1. */
  identity: boolean;
}

/** Cubic convolution kernel (Keys) with coefficient a, at distance t. */
function cubicKernel(t: number, a: number): number {
  const x = Math.abs(t);
  if (x <= 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
  return 0;
}

/**
 * The input coordinate of output index x on one axis; NaN means "extrapolate". align_corners and
 * tf_crop_and_resize divide by the real-valued target length (scale * inLen) as ONNX's reference
 * (and its test data) do; it equals the output length when sizes are given.
 */
export function sourceCoord(
  mode: string,
  x: number,
  inLen: number,
  outLen: number,
  scale: number,
  roiStart: number,
  roiEnd: number,
): number {
  // The target length as a real number (scale * length), as the reference implementation uses it.
  const w0 = scale * inLen;
  const rw = Math.round(w0);
  const width = Math.abs(w0 - rw) < 1e-9 * Math.max(1, rw) ? rw : w0;
  switch (mode) {
    case 'half_pixel':
      return (x + 0.5) / scale - 0.5;
    case 'half_pixel_symmetric': {
      const adjustment = outLen / (scale * inLen);
      const offset = (inLen / 2) * (1 - adjustment);
      return offset + (x + 0.5) / scale - 0.5;
    }
    case 'pytorch_half_pixel':
      return outLen > 1 ? (x + 0.5) / scale - 0.5 : 0;
    case 'align_corners':
      return width === 1 ? 0 : (x * (inLen - 1)) / (width - 1);
    case 'asymmetric':
      return x / scale;
    case 'tf_half_pixel_for_nn':
      return (x + 0.5) / scale;
    case 'tf_crop_and_resize': {
      const c =
        outLen > 1
          ? roiStart * (inLen - 1) + (x * (roiEnd - roiStart) * (inLen - 1)) / (width - 1)
          : 0.5 * (roiStart + roiEnd) * (inLen - 1);
      return c < 0 || c > inLen - 1 ? NaN : c;
    }
    default:
      throw new Error(`unknown coordinate_transformation_mode "${mode}"`);
  }
}

/** Builds the taps of one axis. */
export function axisPlan(inLen: number, outLen: number, scale: number, roiStart: number, roiEnd: number, o: ResampleOptions): AxisPlan {
  let taps: number;
  let start: number;
  const s = Math.min(scale, 1);
  const aa = o.antialias && o.mode !== 'nearest';
  if (o.mode === 'nearest') {
    taps = 1;
    start = 0;
  } else if (o.mode === 'linear') {
    start = aa ? Math.floor(-1 / s) + 1 : 0;
    taps = 2 - 2 * start;
  } else {
    start = aa ? Math.floor(-2 / s) + 1 : -1;
    taps = 2 - 2 * start;
  }
  const idx = new Int32Array(outLen * taps);
  const w = new Float64Array(outLen * taps);
  let outside: Uint8Array | undefined;
  let identity = inLen === outLen;
  const last = inLen - 1;
  for (let x = 0; x < outLen; x++) {
    const c = sourceCoord(o.coordMode, x, inLen, outLen, scale, roiStart, roiEnd);
    const base0 = x * taps;
    if (Number.isNaN(c)) {
      outside ??= new Uint8Array(outLen);
      outside[x] = 1;
      identity = false;
      continue;
    }
    // base is the pixel at or left of c with ratio in (0, 1]: an exact integer c reads as base+1.
    const fl = Math.floor(c);
    const base = fl === c ? c - 1 : fl;
    const r = c - base;
    if (o.mode === 'nearest') {
      let pick: number;
      switch (o.nearestMode) {
        case 'round_prefer_floor':
          pick = r === 1 ? c : r <= 0.5 ? base : base + 1;
          break;
        case 'round_prefer_ceil':
          pick = r === 1 ? c : r < 0.5 ? base : base + 1;
          break;
        case 'floor':
          pick = r === 1 ? c : base;
          break;
        case 'ceil':
          pick = base + 1;
          break;
        default:
          pick = scale < 1 ? Math.ceil(c) : Math.trunc(c);
      }
      idx[base0] = pick < 0 ? 0 : pick > last ? last : pick;
      w[base0] = 1;
      if (idx[base0] !== x) identity = false;
      continue;
    }
    let sum = 0;
    for (let k = 0; k < taps; k++) {
      const i = start + k;
      const src = base + i;
      let wt: number;
      if (o.mode === 'linear') wt = aa ? Math.max(0, 1 - Math.abs((i - r) * s)) : i === 0 ? 1 - r : r;
      else wt = cubicKernel(aa ? (i - r) * s : i - r, o.cubicA);
      if (o.excludeOutside && (src < 0 || src > last)) wt = 0;
      idx[base0 + k] = src < 0 ? 0 : src > last ? last : src;
      w[base0 + k] = wt;
      sum += wt;
    }
    if ((aa || o.excludeOutside) && sum !== 0) for (let k = 0; k < taps; k++) w[base0 + k]! /= sum;
    if (identity) {
      for (let k = 0; k < taps; k++) {
        const wt = w[base0 + k]!;
        if (wt !== 0 && (wt !== 1 || idx[base0 + k] !== x)) identity = false;
      }
    }
  }
  return { taps, idx, w, outside, identity };
}

/** Resamples along one axis of a float64 array of shape `dims`. */
function resampleAxis(src: Float64Array, dims: readonly number[], axis: number, outLen: number, plan: AxisPlan, extrapolation: number): Float64Array {
  let outer = 1;
  for (let d = 0; d < axis; d++) outer *= dims[d]!;
  let inner = 1;
  for (let d = axis + 1; d < dims.length; d++) inner *= dims[d]!;
  const inLen = dims[axis]!;
  const dst = new Float64Array(outer * outLen * inner);
  const { taps, idx, w, outside } = plan;
  if (inner === 1) {
    resampleLastAxis(src, dst, outer, inLen, outLen, plan, extrapolation);
    return dst;
  }
  for (let a = 0; a < outer; a++) {
    const srcBase = a * inLen * inner;
    for (let o = 0; o < outLen; o++) {
      const dBase = (a * outLen + o) * inner;
      if (outside && outside[o]) {
        dst.fill(extrapolation, dBase, dBase + inner);
        continue;
      }
      for (let k = 0; k < taps; k++) {
        const wt = w[o * taps + k]!;
        if (wt === 0) continue;
        const sBase = srcBase + idx[o * taps + k]! * inner;
        for (let j = 0; j < inner; j++) dst[dBase + j]! += wt * src[sBase + j]!;
      }
    }
  }
  return dst;
}

/** resampleAxis for the innermost axis: one dot product of taps per output element. */
function resampleLastAxis(src: Float64Array, dst: Float64Array, outer: number, inLen: number, outLen: number, plan: AxisPlan, extrapolation: number): void {
  const { taps, idx, w, outside } = plan;
  for (let a = 0; a < outer; a++) {
    const sb = a * inLen;
    const db = a * outLen;
    for (let o = 0; o < outLen; o++) {
      if (outside && outside[o]) {
        dst[db + o] = extrapolation;
        continue;
      }
      let sum = 0;
      const tb = o * taps;
      for (let k = 0; k < taps; k++) sum += w[tb + k]! * src[sb + idx[tb + k]!]!;
      dst[db + o] = sum;
    }
  }
}

/** Float results in the storage of an integer type: truncated toward zero, saturated to its range. */
function encodeIntegers(dtype: DataType, v: Float64Array): TypedArray {
  const info = dtypeInfo(dtype);
  const n = v.length;
  if (dtype === DataType.INT64 || dtype === DataType.UINT64) {
    const signed = dtype === DataType.INT64;
    const out = signed ? new BigInt64Array(n) : new BigUint64Array(n);
    // The largest doubles below 2^63 and 2^64.
    const lo = signed ? -9223372036854775808 : 0;
    const hi = signed ? 9223372036854774784 : 18446744073709549568;
    for (let i = 0; i < n; i++) {
      const x = v[i]!;
      out[i] = BigInt(Number.isNaN(x) ? 0 : Math.trunc(x < lo ? lo : x > hi ? hi : x));
    }
    return out;
  }
  if (dtype === DataType.BOOL) {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = v[i] ? 1 : 0;
    return out;
  }
  const bits = info.bits;
  const lo = info.isSigned ? -(2 ** (bits - 1)) : 0;
  const hi = info.isSigned ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  const out = new info.array!(n) as Exclude<TypedArray, BigInt64Array | BigUint64Array>;
  for (let i = 0; i < n; i++) {
    const x = v[i]!;
    out[i] = Number.isNaN(x) ? 0 : Math.trunc(x < lo ? lo : x > hi ? hi : x);
  }
  return out;
}

/** Gathers `x` at per-axis indices (nearest): works on any element type. */
function gatherNearest(x: Tensor, outDims: readonly number[], plans: readonly (AxisPlan | undefined)[], extrapolation: number): Tensor {
  const rank = outDims.length;
  const lanes = dtypeInfo(x.dtype).lanes;
  const src = x.data();
  const n = sizeOf(outDims);
  const out = (Array.isArray(src) ? new Array<string>(n * lanes).fill('') : new (src.constructor as new (n: number) => TypedArray)(n * lanes)) as unknown as TensorData;
  const inStrides = new Array<number>(rank);
  let acc = lanes;
  for (let d = rank - 1; d >= 0; d--) {
    inStrides[d] = acc;
    acc *= x.dims[d]!;
  }
  // Per axis: input offset (in numbers) of each output index; -1 = extrapolate.
  const offs = outDims.map((len, d) => {
    const p = plans[d];
    const a = new Float64Array(len);
    for (let o = 0; o < len; o++) a[o] = p ? (p.outside?.[o] ? -1 : p.idx[o]! * inStrides[d]!) : o * inStrides[d]!;
    return a;
  });
  let extra: number | bigint | string = 0;
  if (Array.isArray(src)) extra = '';
  else if (src instanceof BigInt64Array || src instanceof BigUint64Array) extra = BigInt(Math.trunc(extrapolation));
  else if (isNarrowFloat(x.dtype)) extra = encodeFloats(x.dtype, [extrapolation])[0] as number;
  else extra = extrapolation;
  // Rows of the innermost axis: the outer axes give a base offset, the last axis a table.
  const lastLen = rank > 0 ? outDims[rank - 1]! : 1;
  const last = rank > 0 ? offs[rank - 1]! : Float64Array.of(0);
  const rows = n / Math.max(lastLen, 1);
  const counter = new Array<number>(Math.max(rank - 1, 0)).fill(0);
  for (let row = 0; row < rows; row++) {
    let base = 0;
    for (let d = 0; d < rank - 1; d++) {
      const v = offs[d]![counter[d]!]!;
      base = v < 0 || base < 0 ? -1 : base + v;
    }
    copyRow(src, out, base, last, row * lastLen * lanes, lanes, extra);
    for (let d = rank - 2; d >= 0; d--) {
      if (++counter[d]! < outDims[d]!) break;
      counter[d] = 0;
    }
  }
  return Tensor.fromData(x.dtype, outDims, out);
}

/** One output row of a nearest gather; base -1 (or a -1 entry) writes the extrapolation value. */
function copyRow(src: TensorData, out: TensorData, base: number, last: Float64Array, o: number, lanes: number, extra: number | bigint | string): void {
  const s = src as unknown as (number | bigint | string)[];
  const d = out as unknown as (number | bigint | string)[];
  const len = last.length;
  if (lanes === 1) {
    if (base < 0) {
      for (let i = 0; i < len; i++) d[o + i] = extra;
      return;
    }
    for (let i = 0; i < len; i++) {
      const v = last[i]!;
      d[o + i] = v < 0 ? extra : s[base + v]!;
    }
    return;
  }
  for (let i = 0; i < len; i++) {
    const v = last[i]!;
    const ext = base < 0 || v < 0;
    for (let l = 0; l < lanes; l++) d[o + i * lanes + l] = ext ? (l === 0 ? extra : 0) : s[base + v + l]!;
  }
}

/**
 * Resamples `x` to `outDims`. `scales[d]` is the scale used by the coordinate transformation of
 * axis d; `roi` is [starts..., ends...] over all axes (or undefined).
 */
export function resample(
  x: Tensor,
  outDims: readonly number[],
  scales: readonly number[],
  roi: readonly number[] | undefined,
  o: ResampleOptions,
  fail: (m: string) => never,
): Tensor {
  const rank = x.rank;
  const plans: (AxisPlan | undefined)[] = [];
  for (let d = 0; d < rank; d++) {
    const inLen = x.dims[d]!;
    const outLen = outDims[d]!;
    if (outLen > 0 && inLen === 0) fail(`cannot resize axis ${d} of length 0 to ${outLen}`);
    const p = outLen === 0 ? undefined : axisPlan(inLen, outLen, scales[d]!, roi ? roi[d]! : 0, roi ? roi[rank + d]! : 1, o);
    plans.push(p && !p.identity ? p : undefined);
  }
  if (sizeOf(outDims) === 0) return Tensor.fromData(x.dtype, outDims, emptyLike(x, outDims));
  if (o.mode === 'nearest') return gatherNearest(x, outDims, plans, o.extrapolation);
  if (x.dtype === DataType.STRING) fail(`mode "${o.mode}" does not apply to strings`);
  const lanes = dtypeInfo(x.dtype).lanes;
  let data = toFloat64(x);
  const dims = lanes === 2 ? [...x.dims, 2] : [...x.dims];
  if (data === x.data()) data = Float64Array.from(data);
  for (let d = 0; d < rank; d++) {
    const p = plans[d];
    if (!p) continue;
    data = resampleAxis(data, dims, d, outDims[d]!, p, o.extrapolation);
    dims[d] = outDims[d]!;
  }
  const info = dtypeInfo(x.dtype);
  let out: TypedArray;
  if (x.dtype === DataType.COMPLEX64) out = Float32Array.from(data);
  else if (x.dtype === DataType.COMPLEX128) out = data;
  else if (info.isFloat) out = encodeFloats(x.dtype, data);
  else out = encodeIntegers(x.dtype, data);
  return Tensor.fromData(x.dtype, outDims, out);
}

function emptyLike(x: Tensor, dims: readonly number[]): TensorData {
  const n = sizeOf(dims) * dtypeInfo(x.dtype).lanes;
  const src = x.data();
  if (Array.isArray(src)) return new Array<string>(n).fill('');
  return new (src.constructor as new (n: number) => TypedArray)(n);
}
