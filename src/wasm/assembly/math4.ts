// Vectorized transcendental functions on 4 floats, accurate to a few ulp (far inside the
// 1e-3 relative tolerance the executor is held to), with IEEE behaviour at NaN and +-inf.

const LOG2E: f32 = 1.44269504088896341;
// ln 2 split so that n*LN2_HI is exact for |n| < 2^10.
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;

/** 1.5 * 2^23: adding it rounds a float below 2^22 in magnitude to an integer held in the low mantissa bits. */
const ROUNDER: f32 = 12582912.0;

// Every constant comes from these tables (one load and broadcast each): V8 would otherwise
// rebuild each splat from an immediate in three instructions at every use.
const K = memory.data<f32>([
  88.72283, // 0
  -87.33654, // 4
  88.7, // 8
  -87.0, // 12
  LOG2E, // 16
  ROUNDER, // 20
  LN2_HI, // 24
  LN2_LO, // 28
  1.0 / 5040.0, // 32
  1.0 / 720.0, // 36
  1.0 / 120.0, // 40
  1.0 / 24.0, // 44
  1.0 / 6.0, // 48
  0.5, // 52
  1.0, // 56
  2.0, // 60
  Infinity, // 64
  0.35, // 68
  0.55, // 72
  -1382.0 / 155925.0, // 76
  62.0 / 2835.0, // 80
  -17.0 / 315.0, // 84
  2.0 / 15.0, // 88
  -1.0 / 3.0, // 92
  9.0, // 96
  -0.0006175200105644763, // 100
  0.0050279381684958935, // 104
  -0.026789352297782898, // 108
  0.11282416433095932, // 112
  -0.3761254847049713, // 116
  1.1283791065216064, // 120
  4, // 124
  1.6277587064905674e-6, // 128
  -4.58471586171072e-5, // 132
  0.0005948073812760413, // 136
  -0.00474916584789753, // 140
  0.026388373225927353, // 144
  -0.11001675575971603, // 148
  0.36810052394866943, // 152
  -1.1301867961883545, // 156
  0.00030771351885050535, // 160
  0.9, // 164 (ERF_SPLIT)
  0.70710678118654752, // 168
  0.7978845608028654, // 172
  0.044715, // 176
  // erfc(u) = t exp(-u^2 + P(t)), t = 1 / (1 + u/2) (Numerical Recipes' erfcc, relative error
  // below 1.2e-7 for every u >= 0), coefficients of P from the highest power down.
  0.17087277, // 180
  -0.82215223, // 184
  1.48851587, // 188
  -1.13520398, // 192
  0.27886807, // 196
  -0.18628806, // 200
  0.09678418, // 204
  0.37409196, // 208
  1.00002368, // 212
  -1.26551223, // 216
]);
// 2^(n-1) bias for exp4, and the sign bit.
const KI = memory.data<i32>([126 - 0x4b400000, 0x80000000]);

/**
 * exp(x): x = n ln2 + r with |r| <= ln2/2, a degree-7 Taylor polynomial of r, times 2^n. n is
 * rounded and turned into 2^n with float additions and integer shifts (no rounding or
 * conversion instructions); the clamps use pmin/pmax, which keep a NaN in x.
 */
// @ts-ignore: decorator
@inline
export function exp4(x: v128): v128 {
  const big = f32x4.gt(x, v128.load32_splat(K, 0));
  const tiny = f32x4.lt(x, v128.load32_splat(K, 4));
  const xc = f32x4.pmax(f32x4.pmin(x, v128.load32_splat(K, 8)), v128.load32_splat(K, 12));
  const t = f32x4.add(f32x4.mul(xc, v128.load32_splat(K, 16)), v128.load32_splat(K, 20));
  const n = f32x4.sub(t, v128.load32_splat(K, 20));
  const r = f32x4.sub(f32x4.sub(xc, f32x4.mul(n, v128.load32_splat(K, 24))), f32x4.mul(n, v128.load32_splat(K, 28)));
  let p = v128.load32_splat(K, 32);
  p = f32x4.add(f32x4.mul(p, r), v128.load32_splat(K, 36));
  p = f32x4.add(f32x4.mul(p, r), v128.load32_splat(K, 40));
  p = f32x4.add(f32x4.mul(p, r), v128.load32_splat(K, 44));
  p = f32x4.add(f32x4.mul(p, r), v128.load32_splat(K, 48));
  p = f32x4.add(f32x4.mul(p, r), v128.load32_splat(K, 52));
  p = f32x4.add(f32x4.mul(p, r), v128.load32_splat(K, 56));
  p = f32x4.add(f32x4.mul(p, r), v128.load32_splat(K, 56));
  // The low bits of t hold n: 2^(n-1) from its bits, times 2, keeps n = 128 (x near 88.7) finite.
  const e = i32x4.shl(i32x4.add(t, v128.load32_splat(KI, 0)), 23);
  let y = f32x4.mul(f32x4.mul(p, e), v128.load32_splat(K, 60));
  y = v128.bitselect(v128.load32_splat(K, 64), y, big);
  y = v128.bitselect(f32x4.splat(0), y, tiny);
  // NaN lanes: xc, t, p and y are NaN.
  return y;
}

/** exp(x) - 1, by its Taylor series near 0 where the subtraction would cancel. */
export function expm14(x: v128): v128 {
  const small = f32x4.lt(f32x4.abs(x), v128.load32_splat(K, 68));
  let y = f32x4.sub(exp4(x), v128.load32_splat(K, 56));
  if (v128.any_true(small)) {
    let p = v128.load32_splat(K, 32);
    p = f32x4.add(f32x4.mul(p, x), v128.load32_splat(K, 36));
    p = f32x4.add(f32x4.mul(p, x), v128.load32_splat(K, 40));
    p = f32x4.add(f32x4.mul(p, x), v128.load32_splat(K, 44));
    p = f32x4.add(f32x4.mul(p, x), v128.load32_splat(K, 48));
    p = f32x4.add(f32x4.mul(p, x), v128.load32_splat(K, 52));
    p = f32x4.add(f32x4.mul(p, x), v128.load32_splat(K, 56));
    y = v128.bitselect(f32x4.mul(p, x), y, small);
  }
  return y;
}

/** 1 / (1 + exp(-x)). */
// @ts-ignore: decorator
@inline
export function sigmoid4(x: v128): v128 {
  return f32x4.div(v128.load32_splat(K, 56), f32x4.add(v128.load32_splat(K, 56), exp4(f32x4.neg(x))));
}


/** tanh(x): an odd Taylor polynomial below 0.55, 1 - 2/(exp(2|x|)+1) above, sign restored. */
export function tanh4(x: v128): v128 {
  const ax = f32x4.abs(x);
  const small = f32x4.lt(ax, v128.load32_splat(K, 72));
  let ys = f32x4.splat(0);
  let yl = f32x4.splat(0);
  if (v128.any_true(small)) {
    const z = f32x4.mul(x, x);
    let p = v128.load32_splat(K, 76);
    p = f32x4.add(f32x4.mul(p, z), v128.load32_splat(K, 80));
    p = f32x4.add(f32x4.mul(p, z), v128.load32_splat(K, 84));
    p = f32x4.add(f32x4.mul(p, z), v128.load32_splat(K, 88));
    p = f32x4.add(f32x4.mul(p, z), v128.load32_splat(K, 92));
    ys = f32x4.add(x, f32x4.mul(f32x4.mul(x, z), p));
  }
  if (!i32x4.all_true(small)) {
    const e = exp4(f32x4.mul(f32x4.pmin(ax, v128.load32_splat(K, 96)), v128.load32_splat(K, 60)));
    const t = f32x4.sub(v128.load32_splat(K, 56), f32x4.div(v128.load32_splat(K, 60), f32x4.add(e, v128.load32_splat(K, 56))));
    yl = v128.or(t, v128.and(x, v128.load32_splat(KI, 4)));
  }
  return v128.bitselect(ys, yl, small);
}

// erf from two polynomials fitted (least squares, float64) for this module: erf(u)/u as a
// polynomial in u^2 on [0, 0.9] (relative error 2e-7 in float32), and log(erfc(u)) + u^2 as a
// polynomial in u on [0.9, 4] (erfc relative error 2e-6); erfc is 0 past 4 (below 1.6e-8).
const ERF_SPLIT: f32 = 0.9;

/** erf(x) for |x| < 0.9 (z = x^2). */
// @ts-ignore: decorator
@inline
function erfSmall(x: v128, z: v128): v128 {
  let p = v128.load32_splat(K, 100);
  p = f32x4.add(f32x4.mul(p, z), v128.load32_splat(K, 104));
  p = f32x4.add(f32x4.mul(p, z), v128.load32_splat(K, 108));
  p = f32x4.add(f32x4.mul(p, z), v128.load32_splat(K, 112));
  p = f32x4.add(f32x4.mul(p, z), v128.load32_splat(K, 116));
  p = f32x4.add(f32x4.mul(p, z), v128.load32_splat(K, 120));
  return f32x4.mul(x, p);
}

/** erfc(u) for u >= 0.9 (NaN stays NaN). */
function erfcTail(u: v128): v128 {
  const uc = f32x4.pmin(u, v128.load32_splat(K, 124));
  let q = v128.load32_splat(K, 128);
  q = f32x4.add(f32x4.mul(q, uc), v128.load32_splat(K, 132));
  q = f32x4.add(f32x4.mul(q, uc), v128.load32_splat(K, 136));
  q = f32x4.add(f32x4.mul(q, uc), v128.load32_splat(K, 140));
  q = f32x4.add(f32x4.mul(q, uc), v128.load32_splat(K, 144));
  q = f32x4.add(f32x4.mul(q, uc), v128.load32_splat(K, 148));
  q = f32x4.add(f32x4.mul(q, uc), v128.load32_splat(K, 152));
  q = f32x4.add(f32x4.mul(q, uc), v128.load32_splat(K, 156));
  q = f32x4.add(f32x4.mul(q, uc), v128.load32_splat(K, 160));
  const c = exp4(f32x4.sub(q, f32x4.mul(uc, uc)));
  return v128.andnot(c, f32x4.gt(u, v128.load32_splat(K, 124)));
}

/** erf(x). */
export function erf4(x: v128): v128 {
  const u = f32x4.abs(x);
  const small = f32x4.lt(u, v128.load32_splat(K, 164));
  let y = f32x4.splat(0);
  if (v128.any_true(small)) y = erfSmall(x, f32x4.mul(x, x));
  if (!i32x4.all_true(small)) {
    const e = v128.or(f32x4.sub(v128.load32_splat(K, 56), erfcTail(u)), v128.and(x, v128.load32_splat(KI, 4)));
    y = v128.bitselect(y, e, small);
  }
  return y;
}

/**
 * gelu(x) = x * Phi(x), with Phi(-|x|) = erfc(|x|/sqrt 2) / 2 from one branch-free formula
 * accurate in relative terms on all of u >= 0, so the negative side keeps its precision.
 */
export function gelu4(x: v128): v128 {
  const u = f32x4.mul(f32x4.abs(x), v128.load32_splat(K, 168));
  const one = v128.load32_splat(K, 56);
  const half = v128.load32_splat(K, 52);
  const t = f32x4.div(one, f32x4.add(one, f32x4.mul(u, half)));
  let q = v128.load32_splat(K, 180);
  q = f32x4.add(f32x4.mul(q, t), v128.load32_splat(K, 184));
  q = f32x4.add(f32x4.mul(q, t), v128.load32_splat(K, 188));
  q = f32x4.add(f32x4.mul(q, t), v128.load32_splat(K, 192));
  q = f32x4.add(f32x4.mul(q, t), v128.load32_splat(K, 196));
  q = f32x4.add(f32x4.mul(q, t), v128.load32_splat(K, 200));
  q = f32x4.add(f32x4.mul(q, t), v128.load32_splat(K, 204));
  q = f32x4.add(f32x4.mul(q, t), v128.load32_splat(K, 208));
  q = f32x4.add(f32x4.mul(q, t), v128.load32_splat(K, 212));
  q = f32x4.add(f32x4.mul(q, t), v128.load32_splat(K, 216));
  // Phi(-|x|) = t/2 exp(-u^2 + q).
  const lo = f32x4.mul(f32x4.mul(t, half), exp4(f32x4.sub(q, f32x4.mul(u, u))));
  const phi = v128.bitselect(f32x4.sub(one, lo), lo, f32x4.ge(x, f32x4.splat(0)));
  return f32x4.mul(x, phi);
}

// @ts-ignore: decorator
@inline
function geluHorner(q: v128, t: v128, at: i32): v128 {
  return f32x4.add(f32x4.mul(q, t), v128.load32_splat(K + <usize>at));
}

/** Phi(-|x|) for u = |x|/sqrt 2, from t = 1/(1 + u/2) and the polynomial q (see gelu4). */
// @ts-ignore: decorator
@inline
function geluLow(u: v128, t: v128, q: v128): v128 {
  return f32x4.mul(f32x4.mul(t, v128.load32_splat(K, 52)), exp4(f32x4.sub(q, f32x4.mul(u, u))));
}

// @ts-ignore: decorator
@inline
function geluFinish(x: v128, lo: v128): v128 {
  return f32x4.mul(x, v128.bitselect(f32x4.sub(v128.load32_splat(K, 56), lo), lo, f32x4.ge(x, f32x4.splat(0))));
}

/**
 * gelu4 of the vectors at x0..x3, stored at y0..y3 (which may be x0..x3): the four evaluations
 * are interleaved step by step, since one alone is a chain of dependent operations that keeps
 * the core waiting on latencies (about 3x slower per vector).
 */
export function gelu4x4(x0: usize, x1: usize, x2: usize, x3: usize, y0: usize, y1: usize, y2: usize, y3: usize): void {
  const a0 = v128.load(x0);
  const a1 = v128.load(x1);
  const a2 = v128.load(x2);
  const a3 = v128.load(x3);
  const s = v128.load32_splat(K, 168);
  const u0 = f32x4.mul(f32x4.abs(a0), s);
  const u1 = f32x4.mul(f32x4.abs(a1), s);
  const u2 = f32x4.mul(f32x4.abs(a2), s);
  const u3 = f32x4.mul(f32x4.abs(a3), s);
  const one = v128.load32_splat(K, 56);
  const half = v128.load32_splat(K, 52);
  const t0 = f32x4.div(one, f32x4.add(one, f32x4.mul(u0, half)));
  const t1 = f32x4.div(one, f32x4.add(one, f32x4.mul(u1, half)));
  const t2 = f32x4.div(one, f32x4.add(one, f32x4.mul(u2, half)));
  const t3 = f32x4.div(one, f32x4.add(one, f32x4.mul(u3, half)));
  const c = v128.load32_splat(K, 180);
  let q0 = geluHorner(c, t0, 184);
  let q1 = geluHorner(c, t1, 184);
  let q2 = geluHorner(c, t2, 184);
  let q3 = geluHorner(c, t3, 184);
  for (let at = 188; at <= 216; at += 4) {
    q0 = geluHorner(q0, t0, at);
    q1 = geluHorner(q1, t1, at);
    q2 = geluHorner(q2, t2, at);
    q3 = geluHorner(q3, t3, at);
  }
  const l0 = geluLow(u0, t0, q0);
  const l1 = geluLow(u1, t1, q1);
  const l2 = geluLow(u2, t2, q2);
  const l3 = geluLow(u3, t3, q3);
  v128.store(y0, geluFinish(a0, l0));
  v128.store(y1, geluFinish(a1, l1));
  v128.store(y2, geluFinish(a2, l2));
  v128.store(y3, geluFinish(a3, l3));
}

/** The tanh approximation of gelu, as x * sigmoid(2y) (= 0.5 x (1 + tanh y)) without cancellation. */
export function geluTanh4(x: v128): v128 {
  const y = f32x4.mul(v128.load32_splat(K, 172), f32x4.add(x, f32x4.mul(v128.load32_splat(K, 176), f32x4.mul(x, f32x4.mul(x, x)))));
  return f32x4.mul(x, sigmoid4(f32x4.add(y, y)));
}
