import { defineOp } from '../define.js';
import { DataType, dtypeInfo, type TensorData, type TypedArray } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { encodeFloats, isNarrowFloat, toFloat64 } from '../helpers/convert.js';
import { dimConflicts, dimMerge } from '../helpers/dims.js';
import type { FlopsContext, InferContext, InferFn, KernelContext, KernelFn } from '../types.js';

type Mode = 'nearest' | 'linear' | 'cubic';
type Padding = 'zeros' | 'border' | 'reflection';

/** Mode names of a version: GridSample-16 says bilinear/bicubic, 20 and later linear/cubic. */
interface Flavor {
  modes: Readonly<Record<string, Mode>>;
  /** Only 4-D inputs (GridSample-16). */
  only2d: boolean;
}
const V16: Flavor = { modes: { bilinear: 'linear', nearest: 'nearest', bicubic: 'cubic' }, only2d: true };
const V20: Flavor = { modes: { linear: 'linear', nearest: 'nearest', cubic: 'cubic' }, only2d: false };

function readAttrs(attr: InferContext['attr'], flavor: Flavor, fail: (m: string) => never): { mode: Mode; padding: Padding; align: boolean } {
  const m = attr.string('mode');
  const mode = flavor.modes[m];
  if (!mode) fail(`mode must be one of ${Object.keys(flavor.modes).join(', ')}, got "${m}"`);
  const padding = attr.string('padding_mode');
  if (padding !== 'zeros' && padding !== 'border' && padding !== 'reflection') fail(`padding_mode must be zeros, border or reflection, got "${padding}"`);
  return { mode, padding, align: attr.int('align_corners') !== 0 };
}

/** Reflects x by the borders lo and hi until it falls between them. */
function reflect(x: number, lo: number, hi: number): number {
  const range = hi - lo;
  if (range <= 0) return lo;
  if (x < lo) {
    const dx = lo - x;
    const n = Math.trunc(dx / range);
    const r = dx - n * range;
    return n % 2 === 0 ? lo + r : hi - r;
  }
  if (x > hi) {
    const dx = x - hi;
    const n = Math.trunc(dx / range);
    const r = dx - n * range;
    return n % 2 === 0 ? hi - r : lo + r;
  }
  return x;
}

/** Keys cubic convolution weights (a = -0.75) of the 4 taps around a point at fraction t. */
function cubicWeights(t: number, out: Float64Array): void {
  const a = -0.75;
  const x1 = t + 1;
  const x2 = 1 - t;
  const x3 = 2 - t;
  out[0] = ((a * x1 - 5 * a) * x1 + 8 * a) * x1 - 4 * a;
  out[1] = ((a + 2) * t - (a + 3)) * t * t + 1;
  out[2] = ((a + 2) * x2 - (a + 3)) * x2 * x2 + 1;
  out[3] = ((a * x3 - 5 * a) * x3 + 8 * a) * x3 - 4 * a;
}

/** The input index read for tap i of a dim of length L under the padding mode; -1 reads zero. */
function resolveIndex(i: number, L: number, lo: number, hi: number, padding: Padding): number {
  if (i >= 0 && i < L) return i;
  if (padding === 'zeros') return -1;
  if (padding === 'border') return i < 0 ? 0 : L - 1;
  const j = Math.trunc(reflect(i, lo, hi));
  return j < 0 ? 0 : j >= L ? L - 1 : j;
}

/** Round half to even (std::nearbyint). */
function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Round half away from zero (std::round). */
function roundAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

function gridSampleKernel(flavor: Flavor): KernelFn {
  return function gridSample(ctx: KernelContext) {
    const fail: (m: string) => never = (m) => ctx.fail(m);
    const x = ctx.input(0);
    const grid = ctx.input(1);
    const { mode, padding, align } = readAttrs(ctx.attr, flavor, fail);
    const r = x.rank - 2;
    if (r < 1) fail(`X must have rank 3 or more, got ${x.rank}`);
    if (flavor.only2d && x.rank !== 4) fail(`X must be 4-D (N,C,H,W), got rank ${x.rank}`);
    if (grid.rank !== r + 2 || grid.dims[0] !== x.dims[0] || grid.dims[r + 1] !== r) {
      fail(`grid must have shape [${x.dims[0]}, ...${r} output dims, ${r}], got [${grid.dims.join(',')}]`);
    }
    const N = x.dims[0]!;
    const C = x.dims[1]!;
    const sizes = x.dims.slice(2);
    const outSpatial = grid.dims.slice(1, r + 1);
    let P = 1;
    for (const d of outSpatial) P *= d;
    let S = 1;
    for (const d of sizes) S *= d;
    const outDims = [N, C, ...outSpatial];
    const g = toFloat64(grid);
    // Spatial strides of X (within one (n, c) plane).
    const strides = new Array<number>(r);
    let acc = 1;
    for (let d = r - 1; d >= 0; d--) {
      strides[d] = acc;
      acc *= sizes[d]!;
    }
    const lo = sizes.map(() => (align ? 0 : -0.5));
    const hi = sizes.map((L) => (align ? L - 1 : L - 0.5));
    const T = mode === 'nearest' ? 1 : mode === 'linear' ? 2 : 4;
    // Per output point: T^r (offset, weight) pairs, offset -1 reading zero; planned for a chunk of
    // points at a time and shared by every channel.
    const combos = T ** r;
    const chunk = Math.max(1, Math.min(P, Math.floor(65536 / combos)));
    const plan: TapPlan = {
      r, T, combos, sizes, strides, lo, hi, mode, padding, align,
      tapIdx: new Int32Array(r * T),
      tapW: new Float64Array(r * T),
      cw: new Float64Array(4),
      counter: new Int32Array(r),
      offs: new Int32Array(chunk * combos),
      ws: new Float64Array(chunk * combos),
    };
    const numeric = mode !== 'nearest';
    const src = numeric ? toFloat64(x) : undefined;
    const out64 = numeric ? new Float64Array(N * C * P) : undefined;
    const raw = numeric ? undefined : x.data();
    const lanes = dtypeInfo(x.dtype).lanes;
    const outRaw = numeric ? undefined : allocLike(raw!, N * C * P * lanes);
    for (let n = 0; n < N; n++) {
      for (let p0 = 0; p0 < P; p0 += chunk) {
        const count = Math.min(chunk, P - p0);
        planTaps(plan, g, (n * P + p0) * r, count);
        for (let ch = 0; ch < C; ch++) {
          const base = (n * C + ch) * S;
          const o = (n * C + ch) * P + p0;
          if (numeric) accumulate(src!, base, plan.offs, plan.ws, combos, count, out64!, o);
          else gatherPoints(raw!, base, plan.offs, count, lanes, outRaw!, o);
        }
      }
    }
    if (!numeric) return [Tensor.fromData(x.dtype, outDims, outRaw!)];
    return [Tensor.fromData(x.dtype, outDims, fromFloat64(x.dtype, out64!, fail))];
  };
}

interface TapPlan {
  r: number;
  T: number;
  combos: number;
  sizes: readonly number[];
  strides: readonly number[];
  lo: readonly number[];
  hi: readonly number[];
  mode: Mode;
  padding: Padding;
  align: boolean;
  tapIdx: Int32Array;
  tapW: Float64Array;
  cw: Float64Array;
  counter: Int32Array;
  /** Per point of the chunk: `combos` input offsets (-1 = zero) and weights. */
  offs: Int32Array;
  ws: Float64Array;
}

/** Fills plan.offs / plan.ws for `count` points whose grid coordinates start at g[gb]. */
function planTaps(plan: TapPlan, g: Float64Array, gb: number, count: number): void {
  const { r, T, combos, sizes, strides, lo, hi, mode, padding, align, tapIdx, tapW, cw, counter, offs, ws } = plan;
  for (let q0 = 0; q0 < count; q0++) {
    for (let k = 0; k < r; k++) {
      const d = r - 1 - k; // grid coordinates list the innermost dim first
      const L = sizes[d]!;
      const v = g[gb + q0 * r + k]!;
      let c = align ? ((v + 1) / 2) * (L - 1) : ((v + 1) * L - 1) / 2;
      if (mode === 'nearest') c = r === 3 ? roundAway(c) : rint(c);
      if (c < lo[d]! || c > hi[d]!) {
        if (padding === 'border') c = c < 0 ? 0 : c > L - 1 ? L - 1 : c;
        else if (padding === 'reflection') c = reflect(c, lo[d]!, hi[d]!);
      }
      if (mode === 'nearest') {
        tapIdx[d * T] = Number.isFinite(c) ? resolveIndex(Math.trunc(c), L, lo[d]!, hi[d]!, padding) : -1;
        tapW[d * T] = 1;
        continue;
      }
      const f = Math.floor(c);
      const t = c - f;
      if (mode === 'linear') {
        tapIdx[d * T] = resolveIndex(f, L, lo[d]!, hi[d]!, padding);
        tapIdx[d * T + 1] = resolveIndex(f + 1, L, lo[d]!, hi[d]!, padding);
        tapW[d * T] = 1 - t;
        tapW[d * T + 1] = t;
      } else {
        cubicWeights(t, cw);
        for (let q = 0; q < 4; q++) {
          tapIdx[d * T + q] = resolveIndex(f - 1 + q, L, lo[d]!, hi[d]!, padding);
          tapW[d * T + q] = cw[q]!;
        }
      }
      if (!Number.isFinite(c)) for (let q = 0; q < T; q++) tapIdx[d * T + q] = -1;
    }
    // Tensor product of the per-dim taps.
    counter.fill(0);
    const ob = q0 * combos;
    for (let m = 0; m < combos; m++) {
      let off = 0;
      let w = 1;
      for (let d = 0; d < r; d++) {
        const i = tapIdx[d * T + counter[d]!]!;
        if (i < 0 || off < 0) off = -1;
        else off += i * strides[d]!;
        w *= tapW[d * T + counter[d]!]!;
      }
      offs[ob + m] = w === 0 ? -1 : off;
      ws[ob + m] = w;
      for (let d = r - 1; d >= 0; d--) {
        if (++counter[d]! < T) break;
        counter[d] = 0;
      }
    }
  }
}

/** out[o + q] = sum of weighted taps of point q, for `count` points of one channel plane. */
function accumulate(src: Float64Array, base: number, offs: Int32Array, ws: Float64Array, combos: number, count: number, out: Float64Array, o: number): void {
  for (let q = 0; q < count; q++) {
    let sum = 0;
    const b = q * combos;
    for (let m = 0; m < combos; m++) {
      const off = offs[b + m]!;
      if (off >= 0) sum += ws[b + m]! * src[base + off]!;
    }
    out[o + q] = sum;
  }
}

/** Nearest: copies the one tap of each point (any element type); -1 leaves the zero value. */
function gatherPoints(raw: TensorData, base: number, offs: Int32Array, count: number, lanes: number, out: TensorData, o: number): void {
  const src = raw as unknown as ArrayLike<unknown> & unknown[];
  const dst = out as unknown as unknown[];
  for (let q = 0; q < count; q++) {
    const off = offs[q]!;
    if (off < 0) continue;
    for (let l = 0; l < lanes; l++) dst[(o + q) * lanes + l] = src[(base + off) * lanes + l];
  }
}

/** A zero-filled array of the same kind as `like` (zeros for nearest's zero padding). */
function allocLike(like: TensorData, n: number): TensorData {
  if (Array.isArray(like)) return new Array<string>(n).fill('');
  return new (like.constructor as new (n: number) => TypedArray)(n);
}

/** float64 results in the storage of `dtype`; integer types are truncated and saturated. */
function fromFloat64(dtype: DataType, v: Float64Array, fail: (m: string) => never): TypedArray {
  const info = dtypeInfo(dtype);
  if (dtype === DataType.STRING) fail('linear and cubic modes do not apply to strings');
  if (dtype === DataType.COMPLEX64 || dtype === DataType.COMPLEX128) fail('linear and cubic modes do not apply to complex values');
  if (info.isFloat || isNarrowFloat(dtype)) return encodeFloats(dtype, v);
  if (dtype === DataType.BOOL) return Uint8Array.from(v, (x) => (x !== 0 ? 1 : 0));
  if (dtype === DataType.INT64) return BigInt64Array.from(v, (x) => BigInt(Number.isFinite(x) ? Math.trunc(x) : 0));
  if (dtype === DataType.UINT64) return BigUint64Array.from(v, (x) => BigInt(Number.isFinite(x) && x > 0 ? Math.trunc(x) : 0));
  const bits = info.bits;
  const min = info.isSigned ? -(2 ** (bits - 1)) : 0;
  const max = info.isSigned ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  const out = new info.array!(v.length) as Exclude<TypedArray, BigInt64Array | BigUint64Array>;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    out[i] = Number.isNaN(x) ? 0 : Math.trunc(x < min ? min : x > max ? max : x);
  }
  return out;
}

function inferGridSample(flavor: Flavor): InferFn {
  return function infer(ctx: InferContext): (ValueType | undefined)[] {
    const fail: (m: string) => never = (m) => ctx.fail(m);
    readAttrs(ctx.attr, flavor, fail);
    const x = ctx.input(0);
    const grid = ctx.input(1).shape;
    const xs = x.shape;
    if (xs && flavor.only2d && xs.length !== 4) fail(`X must be 4-D (N,C,H,W), got rank ${xs.length}`);
    if (xs && xs.length < 3) fail(`X must have rank 3 or more, got ${xs.length}`);
    if (xs && grid) {
      const r = xs.length - 2;
      if (grid.length !== r + 2) fail(`grid must have rank ${r + 2}, got ${grid.length}`);
      if (dimConflicts(grid[r + 1]!, r)) fail(`the last dim of grid must be ${r}, got ${grid[r + 1]}`);
      if (dimConflicts(xs[0]!, grid[0]!)) fail(`X has batch ${xs[0]} but grid has ${grid[0]}`);
    }
    if (!grid) {
      if (!xs) return [tensorType(x.elemType)];
      return [tensorType(x.elemType, [xs[0]!, xs[1]!, ...xs.slice(2).map(() => null)])];
    }
    const n: Dim = xs ? dimMerge(xs[0]!, grid[0]!) : grid[0]!;
    return [tensorType(x.elemType, [n, xs ? xs[1]! : null, ...grid.slice(1, grid.length - 1)])];
  };
}

/** One multiply-add per tap: 2^r taps (linear) or 4^r (cubic) per output element; nearest copies. */
function gridSampleFlops(ctx: FlopsContext): number | undefined {
  const out = ctx.outputShape(0);
  if (!out) return undefined;
  const mode = ctx.attr.optString('mode') ?? 'linear';
  if (mode === 'nearest') return 0;
  const taps = (mode === 'cubic' || mode === 'bicubic' ? 4 : 2) ** (out.length - 2);
  return 2 * taps * out.reduce((a, b) => a * b, 1);
}

/** GridSample: samples X at normalized grid positions (nearest, N-linear, N-cubic) with padding. */
export default defineOp({
  opType: 'GridSample',
  category: 'image',
  flops: gridSampleFlops,
  versions: [
    { since: 16, inputs: 'X:T1, grid:T2', outputs: 'Y:T1', attrs: { align_corners: 'int=0', mode: 'string=bilinear', padding_mode: 'string=zeros' }, types: { T1: '$all_v1', T2: 'float16 float double' }, infer: inferGridSample(V16), kernel: gridSampleKernel(V16) },
    { since: 20, inputs: 'X:T1, grid:T2', outputs: 'Y:T1', attrs: { align_corners: 'int=0', mode: 'string=linear', padding_mode: 'string=zeros' }, types: { T1: '$all_v1', T2: 'float16 float double' }, infer: inferGridSample(V20), kernel: gridSampleKernel(V20) },
    { since: 22, inputs: 'X:T1, grid:T2', outputs: 'Y:T1', attrs: { align_corners: 'int=0', mode: 'string=linear', padding_mode: 'string=zeros' }, types: { T1: '$all_v13', T2: 'bfloat16 float16 float double' }, infer: inferGridSample(V20), kernel: gridSampleKernel(V20) },
  ],
});
