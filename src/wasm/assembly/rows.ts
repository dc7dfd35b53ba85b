// Kernels over the rows of a rows x cols matrix (one work unit per row): softmax, layer and
// instance normalization, per-channel affine maps and row reductions.
import { storeLanes, hsum, hmax } from './simd';
import { exp4 } from './math4';
import { pi, pf } from './params';

/** Lanes [0, count) set, the others clear. */
// @ts-ignore: decorator
@inline
function laneMask(count: i32): v128 {
  return i32x4.lt_s(i32x4(0, 1, 2, 3), i32x4.splat(count));
}

/** Max of a row of n floats. */
function rowMax(x: usize, n: i32): f32 {
  let m = f32x4.splat(-Infinity);
  let i = 0;
  for (; i + 4 <= n; i += 4) m = f32x4.max(m, v128.load(x + (<usize>i << 2)));
  let r = hmax(m);
  for (; i < n; i++) r = max<f32>(r, load<f32>(x + (<usize>i << 2)));
  return r;
}

/** Sum of a row of n floats. */
function rowSum(x: usize, n: i32): f32 {
  let s = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) s = f32x4.add(s, v128.load(x + (<usize>i << 2)));
  let r = hsum(s);
  for (; i < n; i++) r += load<f32>(x + (<usize>i << 2));
  return r;
}

/** Sum of (x - mean)^2 over a row. */
function rowSquaredDeviation(x: usize, n: i32, mean: f32): f32 {
  const m = f32x4.splat(mean);
  let s = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const d = f32x4.sub(v128.load(x + (<usize>i << 2)), m);
    s = f32x4.add(s, f32x4.mul(d, d));
  }
  let r = hsum(s);
  for (; i < n; i++) {
    const d = load<f32>(x + (<usize>i << 2)) - mean;
    r += d * d;
  }
  return r;
}

/** Softmax (or log-softmax with slot 4 = 1) of rows [begin, end) (slots: x, y, rows, cols, log). */
export function softmax(p: usize, begin: i32, end: i32, scratch: usize): void {
  const x = <usize>pi(p, 0);
  const y = <usize>pi(p, 1);
  const cols = pi(p, 3);
  const log = pi(p, 4) != 0;
  for (let r = begin; r < end; r++) {
    const xr = x + (<usize>r * <usize>cols << 2);
    const yr = y + (<usize>r * <usize>cols << 2);
    const mx = rowMax(xr, cols);
    const vm = f32x4.splat(mx);
    let s = f32x4.splat(0);
    let i = 0;
    for (; i + 4 <= cols; i += 4) {
      const o = <usize>i << 2;
      const e = exp4(f32x4.sub(v128.load(xr + o), vm));
      if (!log) v128.store(yr + o, e);
      s = f32x4.add(s, e);
    }
    if (i < cols) {
      const o = <usize>i << 2;
      const e = v128.and(exp4(f32x4.sub(v128.load(xr + o), vm)), laneMask(cols - i));
      if (!log) storeLanes(yr + o, e, cols - i);
      s = f32x4.add(s, e);
    }
    const sum = hsum(s);
    if (log) {
      const shift = f32x4.splat(mx + Mathf.log(sum));
      for (i = 0; i < cols; i += 4) {
        const o = <usize>i << 2;
        storeLanes(yr + o, f32x4.sub(v128.load(xr + o), shift), cols - i);
      }
    } else {
      const inv = f32x4.splat(1 / sum);
      for (i = 0; i < cols; i += 4) {
        const o = <usize>i << 2;
        storeLanes(yr + o, f32x4.mul(v128.load(yr + o), inv), cols - i);
      }
    }
  }
}

/**
 * Layer normalization of rows [begin, end) (slots: x, y, rows, cols, scale, bias (0: none),
 * epsilon, mean out (0: none), inverse std out (0: none)); scale and bias have cols elements.
 */
export function layernorm(p: usize, begin: i32, end: i32, scratch: usize): void {
  const x = <usize>pi(p, 0);
  const y = <usize>pi(p, 1);
  const cols = pi(p, 3);
  const scale = <usize>pi(p, 4);
  const bias = <usize>pi(p, 5);
  const eps = pf(p, 6);
  const meanOut = <usize>pi(p, 7);
  const invOut = <usize>pi(p, 8);
  for (let r = begin; r < end; r++) {
    const xr = x + (<usize>r * <usize>cols << 2);
    const yr = y + (<usize>r * <usize>cols << 2);
    const mean = rowSum(xr, cols) / <f32>cols;
    const inv: f32 = 1 / Mathf.sqrt(rowSquaredDeviation(xr, cols, mean) / <f32>cols + eps);
    if (meanOut) store<f32>(meanOut + (<usize>r << 2), mean);
    if (invOut) store<f32>(invOut + (<usize>r << 2), inv);
    const vm = f32x4.splat(mean);
    const vi = f32x4.splat(inv);
    for (let i = 0; i < cols; i += 4) {
      const o = <usize>i << 2;
      let v = f32x4.mul(f32x4.mul(f32x4.sub(v128.load(xr + o), vm), vi), v128.load(scale + o));
      if (bias) v = f32x4.add(v, v128.load(bias + o));
      storeLanes(yr + o, v, cols - i);
    }
  }
}

/**
 * Instance normalization of rows [begin, end) of an (N*C) x (spatial) matrix (slots: x, y,
 * rows, cols, C, scale, bias, epsilon); row r uses channel r % C.
 */
export function instnorm(p: usize, begin: i32, end: i32, scratch: usize): void {
  const x = <usize>pi(p, 0);
  const y = <usize>pi(p, 1);
  const cols = pi(p, 3);
  const C = pi(p, 4);
  const scale = <usize>pi(p, 5);
  const bias = <usize>pi(p, 6);
  const eps = pf(p, 7);
  for (let r = begin; r < end; r++) {
    const xr = x + (<usize>r * <usize>cols << 2);
    const yr = y + (<usize>r * <usize>cols << 2);
    const c = r % C;
    const mean = rowSum(xr, cols) / <f32>cols;
    const inv: f32 = 1 / Mathf.sqrt(rowSquaredDeviation(xr, cols, mean) / <f32>cols + eps);
    const a = load<f32>(scale + (<usize>c << 2)) * inv;
    const b = load<f32>(bias + (<usize>c << 2)) - mean * a;
    const va = f32x4.splat(a);
    const vb = f32x4.splat(b);
    for (let i = 0; i < cols; i += 4) {
      const o = <usize>i << 2;
      storeLanes(yr + o, f32x4.add(f32x4.mul(v128.load(xr + o), va), vb), cols - i);
    }
  }
}

/**
 * y = x * scale[c] + shift[c] (then clamped to [lo, hi] when slot 9 is 1) on rows [begin, end)
 * with c = row % C (slots: x, y, rows, cols, C, scale, shift, lo, hi, clamp): inference
 * BatchNormalization with folded statistics.
 */
export function channel_affine(p: usize, begin: i32, end: i32, scratch: usize): void {
  const x = <usize>pi(p, 0);
  const y = <usize>pi(p, 1);
  const cols = pi(p, 3);
  const C = pi(p, 4);
  const scale = <usize>pi(p, 5);
  const shift = <usize>pi(p, 6);
  const lo = f32x4.splat(pf(p, 7));
  const hi = f32x4.splat(pf(p, 8));
  const clamp = pi(p, 9) != 0;
  for (let r = begin; r < end; r++) {
    const xr = x + (<usize>r * <usize>cols << 2);
    const yr = y + (<usize>r * <usize>cols << 2);
    const c = r % C;
    const va = v128.load32_splat(scale + (<usize>c << 2));
    const vb = v128.load32_splat(shift + (<usize>c << 2));
    for (let i = 0; i < cols; i += 4) {
      const o = <usize>i << 2;
      let v = f32x4.add(f32x4.mul(v128.load(xr + o), va), vb);
      if (clamp) v = f32x4.min(f32x4.max(v, lo), hi);
      storeLanes(yr + o, v, cols - i);
    }
  }
}

const R_SUM = 0;
const R_MEAN = 1;
const R_MAX = 2;
const R_MIN = 3;
const R_SUM_SQUARE = 4;

/** Reduces each of rows [begin, end) to one value (slots: x, y, rows, cols, op). */
export function reduce_rows(p: usize, begin: i32, end: i32, scratch: usize): void {
  const x = <usize>pi(p, 0);
  const y = <usize>pi(p, 1);
  const cols = pi(p, 3);
  const op = pi(p, 4);
  for (let r = begin; r < end; r++) {
    const xr = x + (<usize>r * <usize>cols << 2);
    let v: f32 = 0;
    if (op == R_SUM || op == R_MEAN) {
      v = rowSum(xr, cols);
      if (op == R_MEAN) v /= <f32>cols;
    } else if (op == R_MAX) {
      v = rowMax(xr, cols);
    } else if (op == R_MIN) {
      let m = f32x4.splat(Infinity);
      let i = 0;
      for (; i + 4 <= cols; i += 4) m = f32x4.min(m, v128.load(xr + (<usize>i << 2)));
      v = min<f32>(min<f32>(f32x4.extract_lane(m, 0), f32x4.extract_lane(m, 1)), min<f32>(f32x4.extract_lane(m, 2), f32x4.extract_lane(m, 3)));
      for (; i < cols; i++) v = min<f32>(v, load<f32>(xr + (<usize>i << 2)));
    } else if (op == R_SUM_SQUARE) {
      v = rowSquaredDeviation(xr, cols, 0);
    }
    store<f32>(y + (<usize>r << 2), v);
  }
}
