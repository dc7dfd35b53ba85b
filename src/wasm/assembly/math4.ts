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

// The rational approximations of fdlibm's s_erf.c (as in src/ops/helpers/special.ts), in float32.
const ERX: f32 = 8.45062911510467529297e-1;

// @ts-ignore: decorator
@inline
function erfSmallRatio(z: v128): v128 {
  let p = f32x4.splat(-2.37630166566501626084e-5);
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-5.77027029648944159157e-3));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-2.84817495755985104766e-2));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-3.25042107247001499370e-1));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(1.28379167095512558561e-1));
  let q = f32x4.splat(-3.96022827877536812320e-6);
  q = f32x4.add(f32x4.mul(q, z), f32x4.splat(1.32494738004321644526e-4));
  q = f32x4.add(f32x4.mul(q, z), f32x4.splat(5.08130628187576562776e-3));
  q = f32x4.add(f32x4.mul(q, z), f32x4.splat(6.50222499887672944485e-2));
  q = f32x4.add(f32x4.mul(q, z), f32x4.splat(3.97917223959155352819e-1));
  q = f32x4.add(f32x4.mul(q, z), f32x4.splat(1));
  return f32x4.div(p, q);
}

// @ts-ignore: decorator
@inline
function erfMidRatio(s: v128): v128 {
  let p = f32x4.splat(-2.16637559486879084300e-3);
  p = f32x4.add(f32x4.mul(p, s), f32x4.splat(3.54783043256182359371e-2));
  p = f32x4.add(f32x4.mul(p, s), f32x4.splat(-1.10894694282396677476e-1));
  p = f32x4.add(f32x4.mul(p, s), f32x4.splat(3.18346619901161753674e-1));
  p = f32x4.add(f32x4.mul(p, s), f32x4.splat(-3.72207876035701323847e-1));
  p = f32x4.add(f32x4.mul(p, s), f32x4.splat(4.14856118683748331666e-1));
  p = f32x4.add(f32x4.mul(p, s), f32x4.splat(-2.36211856075265944077e-3));
  let q = f32x4.splat(1.19844998467991074170e-2);
  q = f32x4.add(f32x4.mul(q, s), f32x4.splat(1.36370839120290507362e-2));
  q = f32x4.add(f32x4.mul(q, s), f32x4.splat(1.26171219808761642112e-1));
  q = f32x4.add(f32x4.mul(q, s), f32x4.splat(7.18286544141962662868e-2));
  q = f32x4.add(f32x4.mul(q, s), f32x4.splat(5.40397917702171048937e-1));
  q = f32x4.add(f32x4.mul(q, s), f32x4.splat(1.06420880400844228286e-1));
  q = f32x4.add(f32x4.mul(q, s), f32x4.splat(1));
  return f32x4.div(p, q);
}

/** R/S of the tail for 1.25 <= u < 1/0.35 (RA/SA), in s = 1/u^2. */
// @ts-ignore: decorator
@inline
function erfTailA(s: v128): v128 {
  let r = f32x4.splat(-9.81432934416914548592);
  r = f32x4.add(f32x4.mul(r, s), f32x4.splat(-8.12874355063065934246e1));
  r = f32x4.add(f32x4.mul(r, s), f32x4.splat(-1.84605092906711035994e2));
  r = f32x4.add(f32x4.mul(r, s), f32x4.splat(-1.62396669462573470355e2));
  r = f32x4.add(f32x4.mul(r, s), f32x4.splat(-6.23753324503260060396e1));
  r = f32x4.add(f32x4.mul(r, s), f32x4.splat(-1.05586262253232909814e1));
  r = f32x4.add(f32x4.mul(r, s), f32x4.splat(-6.93858572707181764372e-1));
  r = f32x4.add(f32x4.mul(r, s), f32x4.splat(-9.86494403484714822705e-3));
  let q = f32x4.splat(-6.04244152148580987438e-2);
  q = f32x4.add(f32x4.mul(q, s), f32x4.splat(6.57024977031928170135));
  q = f32x4.add(f32x4.mul(q, s), f32x4.splat(1.08635005541779435134e2));
  q = f32x4.add(f32x4.mul(q, s), f32x4.splat(4.29008140027567833386e2));
  q = f32x4.add(f32x4.mul(q, s), f32x4.splat(6.45387271733267880336e2));
  q = f32x4.add(f32x4.mul(q, s), f32x4.splat(4.34565877475229228821e2));
  q = f32x4.add(f32x4.mul(q, s), f32x4.splat(1.37657754143519042600e2));
  q = f32x4.add(f32x4.mul(q, s), f32x4.splat(1.96512716674392571292e1));
  q = f32x4.add(f32x4.mul(q, s), f32x4.splat(1));
  return f32x4.div(r, q);
}

/** R/S of the tail for u >= 1/0.35 (RB/SB). */
// @ts-ignore: decorator
@inline
function erfTailB(s: v128): v128 {
  let r = f32x4.splat(-4.83519191608651397019e2);
  r = f32x4.add(f32x4.mul(r, s), f32x4.splat(-1.02509513161107724954e3));
  r = f32x4.add(f32x4.mul(r, s), f32x4.splat(-6.37566443368389627722e2));
  r = f32x4.add(f32x4.mul(r, s), f32x4.splat(-1.60636384855821916062e2));
  r = f32x4.add(f32x4.mul(r, s), f32x4.splat(-1.77579549177547519889e1));
  r = f32x4.add(f32x4.mul(r, s), f32x4.splat(-7.99283237680523006574e-1));
  r = f32x4.add(f32x4.mul(r, s), f32x4.splat(-9.86494292470009928597e-3));
  let q = f32x4.splat(-2.24409524465858183362e1);
  q = f32x4.add(f32x4.mul(q, s), f32x4.splat(4.74528541206955367215e2));
  q = f32x4.add(f32x4.mul(q, s), f32x4.splat(2.55305040643316442583e3));
  q = f32x4.add(f32x4.mul(q, s), f32x4.splat(3.19985821950859553908e3));
  q = f32x4.add(f32x4.mul(q, s), f32x4.splat(1.53672958608443695994e3));
  q = f32x4.add(f32x4.mul(q, s), f32x4.splat(3.25792512996573918826e2));
  q = f32x4.add(f32x4.mul(q, s), f32x4.splat(3.03380607434824582924e1));
  q = f32x4.add(f32x4.mul(q, s), f32x4.splat(1));
  return f32x4.div(r, q);
}

/**
 * erf(u) and erfc(u) for u >= 0 (or NaN): returns erfc; writes nothing else. The small
 * interval is computed by the caller where it needs erf itself at full relative precision.
 */
function erfcPos(u: v128): v128 {
  const mid = f32x4.ge(u, f32x4.splat(0.84375));
  const tail = f32x4.ge(u, f32x4.splat(1.25));
  let c = f32x4.splat(0);
  if (!i32x4.all_true(mid)) {
    const z = f32x4.mul(u, u);
    c = f32x4.sub(f32x4.splat(1), f32x4.add(u, f32x4.mul(u, erfSmallRatio(z))));
  }
  if (v128.any_true(v128.andnot(mid, tail))) {
    const s = f32x4.sub(u, f32x4.splat(1));
    const cm = f32x4.sub(f32x4.splat(1 - ERX), erfMidRatio(s));
    c = v128.bitselect(cm, c, mid);
  }
  if (v128.any_true(tail)) {
    const uc = f32x4.min(u, f32x4.splat(10));
    const s = f32x4.div(f32x4.splat(1), f32x4.mul(uc, uc));
    const far = f32x4.ge(uc, f32x4.splat(1 / 0.35));
    let rs = f32x4.splat(0);
    if (!i32x4.all_true(far)) rs = erfTailA(s);
    if (v128.any_true(far)) rs = v128.bitselect(erfTailB(s), rs, far);
    const ct = f32x4.div(exp4(f32x4.add(f32x4.sub(f32x4.splat(-0.5625), f32x4.mul(uc, uc)), rs)), uc);
    c = v128.bitselect(ct, c, tail);
  }
  return c;
}

/** erf(x). */
export function erf4(x: v128): v128 {
  const u = f32x4.abs(x);
  const small = f32x4.lt(u, f32x4.splat(0.84375));
  let y = f32x4.splat(0);
  if (v128.any_true(small)) y = f32x4.add(x, f32x4.mul(x, erfSmallRatio(f32x4.mul(x, x))));
  if (!i32x4.all_true(small)) {
    const e = v128.or(f32x4.sub(f32x4.splat(1), erfcPos(u)), v128.and(x, SIGN));
    y = v128.bitselect(y, e, small);
  }
  return y;
}

/** gelu(x) = x * Phi(x), Phi from erfc of |x|/sqrt(2) so that the negative side keeps its precision. */
export function gelu4(x: v128): v128 {
  const u = f32x4.mul(f32x4.abs(x), f32x4.splat(0.70710678118654752));
  const c = erfcPos(u);
  const half = f32x4.mul(c, f32x4.splat(0.5));
  const phi = v128.bitselect(f32x4.sub(f32x4.splat(1), half), half, f32x4.ge(x, f32x4.splat(0)));
  return f32x4.mul(x, phi);
}

/** The tanh approximation of gelu, as x * sigmoid(2y) (= 0.5 x (1 + tanh y)) without cancellation. */
export function geluTanh4(x: v128): v128 {
  const y = f32x4.mul(f32x4.splat(0.7978845608028654), f32x4.add(x, f32x4.mul(f32x4.splat(0.044715), f32x4.mul(x, f32x4.mul(x, x)))));
  return f32x4.mul(x, sigmoid4(f32x4.add(y, y)));
}
