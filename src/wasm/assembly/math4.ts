// Vectorized transcendental functions on 4 floats, accurate to a few ulp (far inside the
// 1e-3 relative tolerance the executor is held to), with IEEE behaviour at NaN and +-inf.

const LOG2E: f32 = 1.44269504088896341;
// ln 2 split so that n*LN2_HI is exact for |n| < 2^10.
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;

/** exp(x): x = n ln2 + r with |r| <= ln2/2, a degree-7 Taylor polynomial of r, times 2^n. */
export function exp4(x: v128): v128 {
  const big = f32x4.gt(x, f32x4.splat(88.72283));
  const tiny = f32x4.lt(x, f32x4.splat(-87.33654));
  const xc = f32x4.min(f32x4.max(x, f32x4.splat(-87.0)), f32x4.splat(88.7));
  const n = f32x4.nearest(f32x4.mul(xc, f32x4.splat(LOG2E)));
  const r = f32x4.sub(f32x4.sub(xc, f32x4.mul(n, f32x4.splat(LN2_HI))), f32x4.mul(n, f32x4.splat(LN2_LO)));
  let p = f32x4.splat(1.0 / 5040.0);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 720.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 120.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 24.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 6.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(0.5));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0));
  // 2^(n-1) * 2 keeps n = 128 (x near 88.7) finite.
  const e = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(126)), 23);
  let y = f32x4.mul(f32x4.mul(p, e), f32x4.splat(2.0));
  y = v128.bitselect(f32x4.splat(Infinity), y, big);
  y = v128.bitselect(f32x4.splat(0), y, tiny);
  // NaN lanes: xc is NaN, so y already is.
  return y;
}

/** exp(x) - 1, by its Taylor series near 0 where the subtraction would cancel. */
export function expm14(x: v128): v128 {
  const small = f32x4.lt(f32x4.abs(x), f32x4.splat(0.35));
  let y = f32x4.sub(exp4(x), f32x4.splat(1));
  if (v128.any_true(small)) {
    let p = f32x4.splat(1.0 / 5040.0);
    p = f32x4.add(f32x4.mul(p, x), f32x4.splat(1.0 / 720.0));
    p = f32x4.add(f32x4.mul(p, x), f32x4.splat(1.0 / 120.0));
    p = f32x4.add(f32x4.mul(p, x), f32x4.splat(1.0 / 24.0));
    p = f32x4.add(f32x4.mul(p, x), f32x4.splat(1.0 / 6.0));
    p = f32x4.add(f32x4.mul(p, x), f32x4.splat(0.5));
    p = f32x4.add(f32x4.mul(p, x), f32x4.splat(1.0));
    y = v128.bitselect(f32x4.mul(p, x), y, small);
  }
  return y;
}

/** 1 / (1 + exp(-x)). */
// @ts-ignore: decorator
@inline
export function sigmoid4(x: v128): v128 {
  return f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), exp4(f32x4.neg(x))));
}

const SIGN: v128 = i32x4.splat(0x80000000);

/** tanh(x): an odd Taylor polynomial below 0.55, 1 - 2/(exp(2|x|)+1) above, sign restored. */
export function tanh4(x: v128): v128 {
  const ax = f32x4.abs(x);
  const small = f32x4.lt(ax, f32x4.splat(0.55));
  let ys = f32x4.splat(0);
  let yl = f32x4.splat(0);
  if (v128.any_true(small)) {
    const z = f32x4.mul(x, x);
    let p = f32x4.splat(-1382.0 / 155925.0);
    p = f32x4.add(f32x4.mul(p, z), f32x4.splat(62.0 / 2835.0));
    p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-17.0 / 315.0));
    p = f32x4.add(f32x4.mul(p, z), f32x4.splat(2.0 / 15.0));
    p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-1.0 / 3.0));
    ys = f32x4.add(x, f32x4.mul(f32x4.mul(x, z), p));
  }
  if (!i32x4.all_true(small)) {
    const e = exp4(f32x4.mul(f32x4.min(ax, f32x4.splat(9.0)), f32x4.splat(2)));
    const t = f32x4.sub(f32x4.splat(1), f32x4.div(f32x4.splat(2), f32x4.add(e, f32x4.splat(1))));
    yl = v128.or(t, v128.and(x, SIGN));
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
  let p = f32x4.splat(-0.0006175200105644763);
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(0.0050279381684958935));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-0.026789352297782898));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(0.11282416433095932));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-0.3761254847049713));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(1.1283791065216064));
  return f32x4.mul(x, p);
}

/** erfc(u) for u >= 0.9 (NaN stays NaN). */
function erfcTail(u: v128): v128 {
  const uc = f32x4.min(u, f32x4.splat(4));
  let q = f32x4.splat(1.6277587064905674e-6);
  q = f32x4.add(f32x4.mul(q, uc), f32x4.splat(-4.58471586171072e-5));
  q = f32x4.add(f32x4.mul(q, uc), f32x4.splat(0.0005948073812760413));
  q = f32x4.add(f32x4.mul(q, uc), f32x4.splat(-0.00474916584789753));
  q = f32x4.add(f32x4.mul(q, uc), f32x4.splat(0.026388373225927353));
  q = f32x4.add(f32x4.mul(q, uc), f32x4.splat(-0.11001675575971603));
  q = f32x4.add(f32x4.mul(q, uc), f32x4.splat(0.36810052394866943));
  q = f32x4.add(f32x4.mul(q, uc), f32x4.splat(-1.1301867961883545));
  q = f32x4.add(f32x4.mul(q, uc), f32x4.splat(0.00030771351885050535));
  const c = exp4(f32x4.sub(q, f32x4.mul(uc, uc)));
  return v128.andnot(c, f32x4.gt(u, f32x4.splat(4)));
}

/** erf(x). */
export function erf4(x: v128): v128 {
  const u = f32x4.abs(x);
  const small = f32x4.lt(u, f32x4.splat(ERF_SPLIT));
  let y = f32x4.splat(0);
  if (v128.any_true(small)) y = erfSmall(x, f32x4.mul(x, x));
  if (!i32x4.all_true(small)) {
    const e = v128.or(f32x4.sub(f32x4.splat(1), erfcTail(u)), v128.and(x, SIGN));
    y = v128.bitselect(y, e, small);
  }
  return y;
}

/** gelu(x) = x * Phi(x), Phi from erfc of |x|/sqrt(2) so that the negative side keeps its precision. */
export function gelu4(x: v128): v128 {
  const u = f32x4.mul(f32x4.abs(x), f32x4.splat(0.70710678118654752));
  const small = f32x4.lt(u, f32x4.splat(ERF_SPLIT));
  let c = f32x4.splat(0);
  if (v128.any_true(small)) c = f32x4.sub(f32x4.splat(1), erfSmall(u, f32x4.mul(u, u)));
  if (!i32x4.all_true(small)) c = v128.bitselect(c, erfcTail(u), small);
  const half = f32x4.mul(c, f32x4.splat(0.5));
  const phi = v128.bitselect(f32x4.sub(f32x4.splat(1), half), half, f32x4.ge(x, f32x4.splat(0)));
  return f32x4.mul(x, phi);
}

/** The tanh approximation of gelu, as x * sigmoid(2y) (= 0.5 x (1 + tanh y)) without cancellation. */
export function geluTanh4(x: v128): v128 {
  const y = f32x4.mul(f32x4.splat(0.7978845608028654), f32x4.add(x, f32x4.mul(f32x4.splat(0.044715), f32x4.mul(x, f32x4.mul(x, x)))));
  return f32x4.mul(x, sigmoid4(f32x4.add(y, y)));
}
