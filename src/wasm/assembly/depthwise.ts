// A 3x3 depthwise convolution (one filter per channel) with strides 1 or 2 across (any down) and
// no dilation, on unpadded NCHW planes: the layers of MobileNets. The input rows that the
// outputs read are copied into a ring of 4 zero-padded rows in the thread's scratch (each
// input row once per plane; rows above and below the image read a row of zeros), so that the
// outputs are computed 4 columns at a time without a branch; at stride 1, two rows at a time,
// which share the loads of their two middle input rows.
import { madd, storeLanes } from './simd';

/** Floats of a padded row read for OW outputs at stride SW (lengthened for the copy's last vector). */
// @ts-ignore: decorator
@inline
function rowFloats(OW: i32, SW: i32): i32 {
  return ((((OW + 3) & ~3) * SW + 2 + 4 + 3) & ~3);
}

/** Bytes of thread scratch depthwise3x3 needs for OW outputs a row at stride SW. */
export function depthwise3x3_scratch_bytes(OW: i32, SW: i32): i32 {
  return 16 + 5 * (rowFloats(OW, SW) << 2);
}

/** The sum over one kernel row of the taps of outputs ox..ox+3 (stride s, a constant). */
// @ts-ignore: decorator
@inline
function row3(p: usize, ox: i32, s: i32, wa: v128, wb: v128, wc: v128): v128 {
  const q = p + (<usize>(ox * s) << 2);
  if (s == 1) return madd(v128.load(q, 8), wc, madd(v128.load(q, 4), wb, f32x4.mul(v128.load(q), wa)));
  const v0 = v128.load(q);
  const v1 = v128.load(q, 16);
  const a = v128.shuffle<f32>(v0, v1, 0, 2, 4, 6);
  const b = v128.shuffle<f32>(v0, v1, 1, 3, 5, 7);
  const c = v128.shuffle<f32>(v128.load(q, 8), v128.load(q, 24), 0, 2, 4, 6);
  return madd(c, wc, madd(b, wb, f32x4.mul(a, wa)));
}

/**
 * The padded copy of input row iy (a row of zeros outside the image), copied into its ring slot
 * unless it is there already. `ring`: 4 slot tags (the row each holds), then the zero row and
 * the 4 slots, R floats each.
 */
// @ts-ignore: decorator
@inline
function paddedRow(ring: usize, R: i32, x: usize, H: i32, W: i32, iy: i32, PL: i32, n: i32): usize {
  const rowBytes = <usize>R << 2;
  const zero = ring + 16;
  if (iy < 0 || iy >= H) return zero;
  const slot = iy & 3;
  const dst = zero + <usize>(slot + 1) * rowBytes;
  const tag = ring + (<usize>slot << 2);
  if (load<i32>(tag) != iy) {
    store<i32>(tag, iy);
    // n floats from column PL on, in whole vectors, then zeros over what went past them.
    const src = x + (<usize>(iy * W) << 2);
    const d = dst + (<usize>PL << 2);
    if (n > 0) {
      for (let i = 0; i < n; i += 4) v128.store(d + (<usize>i << 2), v128.load(src + (<usize>i << 2)));
      v128.store(d + (<usize>n << 2), i32x4.splat(0));
    }
  }
  return dst;
}

/** Adds the values in y (accumulate), clamps, and stores the first `count` lanes (4: all). */
// @ts-ignore: decorator
@inline
function finish(out: usize, v: v128, count: i32, accumulate: bool, lo: v128, hi: v128): void {
  if (accumulate) v = f32x4.add(v, v128.load(out));
  v = f32x4.pmin(f32x4.pmax(v, lo), hi);
  if (count == 4) v128.store(out, v);
  else storeLanes(out, v, count);
}

/** Outputs ox..ox+3 of the row at yrow from its 3 padded input rows (count: lanes stored). */
// @ts-ignore: decorator
@inline
function vector1(
  r0: usize,
  r1: usize,
  r2: usize,
  ox: i32,
  s: i32,
  yrow: usize,
  count: i32,
  w0: v128,
  w1: v128,
  w2: v128,
  w3: v128,
  w4: v128,
  w5: v128,
  w6: v128,
  w7: v128,
  w8: v128,
  vb: v128,
  accumulate: bool,
  lo: v128,
  hi: v128,
): void {
  const a = f32x4.add(row3(r0, ox, s, w0, w1, w2), row3(r1, ox, s, w3, w4, w5));
  finish(yrow + (<usize>ox << 2), f32x4.add(a, f32x4.add(row3(r2, ox, s, w6, w7, w8), vb)), count, accumulate, lo, hi);
}

/**
 * Outputs ox..ox+3 of two rows at stride 1 (at yrow and yrow + next) from their 4 padded input
 * rows: the middle two are loaded once for both.
 */
// @ts-ignore: decorator
@inline
function vector2(
  r0: usize,
  r1: usize,
  r2: usize,
  r3: usize,
  ox: i32,
  yrow: usize,
  next: usize,
  count: i32,
  w0: v128,
  w1: v128,
  w2: v128,
  w3: v128,
  w4: v128,
  w5: v128,
  w6: v128,
  w7: v128,
  w8: v128,
  vb: v128,
  accumulate: bool,
  lo: v128,
  hi: v128,
): void {
  const o = <usize>ox << 2;
  let t0 = v128.load(r1 + o);
  let t1 = v128.load(r1 + o, 4);
  let t2 = v128.load(r1 + o, 8);
  let a = madd(t2, w5, madd(t1, w4, f32x4.mul(t0, w3)));
  let b = madd(t2, w2, madd(t1, w1, f32x4.mul(t0, w0)));
  t0 = v128.load(r2 + o);
  t1 = v128.load(r2 + o, 4);
  t2 = v128.load(r2 + o, 8);
  a = f32x4.add(a, madd(t2, w8, madd(t1, w7, f32x4.mul(t0, w6))));
  b = f32x4.add(b, madd(t2, w5, madd(t1, w4, f32x4.mul(t0, w3))));
  finish(yrow + o, f32x4.add(a, f32x4.add(row3(r0, ox, 1, w0, w1, w2), vb)), count, accumulate, lo, hi);
  finish(yrow + next + o, f32x4.add(b, f32x4.add(row3(r3, ox, 1, w6, w7, w8), vb)), count, accumulate, lo, hi);
}

/** One plane; s (stride across) and accumulate are constants after inlining. */
// @ts-ignore: decorator
@inline
function plane3x3(
  x: usize,
  y: usize,
  w: usize,
  b: f32,
  H: i32,
  W: i32,
  OH: i32,
  OW: i32,
  SH: i32,
  s: i32,
  PT: i32,
  PL: i32,
  ring: usize,
  R: i32,
  n: i32,
  accumulate: bool,
  lo: v128,
  hi: v128,
): void {
  const w0 = v128.load32_splat(w);
  const w1 = v128.load32_splat(w, 4);
  const w2 = v128.load32_splat(w, 8);
  const w3 = v128.load32_splat(w, 12);
  const w4 = v128.load32_splat(w, 16);
  const w5 = v128.load32_splat(w, 20);
  const w6 = v128.load32_splat(w, 24);
  const w7 = v128.load32_splat(w, 28);
  const w8 = v128.load32_splat(w, 32);
  const vb = f32x4.splat(b);
  const full = OW & ~3;
  v128.store(ring, i32x4.splat(-1));
  let oy = 0;
  if (s == 1 && SH == 1) {
    const next = <usize>OW << 2;
    for (; oy + 2 <= OH; oy += 2) {
      const iy = oy - PT;
      const r0 = paddedRow(ring, R, x, H, W, iy, PL, n);
      const r1 = paddedRow(ring, R, x, H, W, iy + 1, PL, n);
      const r2 = paddedRow(ring, R, x, H, W, iy + 2, PL, n);
      const r3 = paddedRow(ring, R, x, H, W, iy + 3, PL, n);
      const yrow = y + (<usize>(oy * OW) << 2);
      for (let ox = 0; ox < full; ox += 4) vector2(r0, r1, r2, r3, ox, yrow, next, 4, w0, w1, w2, w3, w4, w5, w6, w7, w8, vb, accumulate, lo, hi);
      if (full < OW) vector2(r0, r1, r2, r3, full, yrow, next, OW - full, w0, w1, w2, w3, w4, w5, w6, w7, w8, vb, accumulate, lo, hi);
    }
  }
  for (; oy < OH; oy++) {
    const iy = oy * SH - PT;
    const r0 = paddedRow(ring, R, x, H, W, iy, PL, n);
    const r1 = paddedRow(ring, R, x, H, W, iy + 1, PL, n);
    const r2 = paddedRow(ring, R, x, H, W, iy + 2, PL, n);
    const yrow = y + (<usize>(oy * OW) << 2);
    for (let ox = 0; ox < full; ox += 4) vector1(r0, r1, r2, ox, s, yrow, 4, w0, w1, w2, w3, w4, w5, w6, w7, w8, vb, accumulate, lo, hi);
    if (full < OW) vector1(r0, r1, r2, full, s, yrow, OW - full, w0, w1, w2, w3, w4, w5, w6, w7, w8, vb, accumulate, lo, hi);
  }
}

/**
 * Planes [begin, end) of x (H x W each, PT rows and PL columns of zero padding before them)
 * into y (OH x OW): plane p uses filter p % C (9 floats at w) and bias[p % C] (bias 0: none).
 * lo/hi clamp the result (-inf/inf: no activation); accumulate adds it to y.
 */
export function depthwise3x3(
  x: usize,
  y: usize,
  w: usize,
  bias: usize,
  C: i32,
  H: i32,
  W: i32,
  OH: i32,
  OW: i32,
  SH: i32,
  SW: i32,
  PT: i32,
  PL: i32,
  accumulate: bool,
  lo: f32,
  hi: f32,
  begin: i32,
  end: i32,
  scratch: usize,
): void {
  const R = rowFloats(OW, SW);
  // Input columns a padded row needs (the rest stay zero).
  const n = max(0, min(W, (((OW + 3) & ~3) * SW + 2) - PL));
  memory.fill(scratch + 16, 0, <usize>(5 * R) << 2);
  const vlo = f32x4.splat(lo);
  const vhi = f32x4.splat(hi);
  for (let p = begin; p < end; p++) {
    const c = p % C;
    const xp = x + (<usize>p * <usize>(H * W) << 2);
    const yp = y + (<usize>p * <usize>(OH * OW) << 2);
    const wp = w + (<usize>(c * 9) << 2);
    const b: f32 = bias ? load<f32>(bias + (<usize>c << 2)) : 0;
    if (SW == 1) {
      if (accumulate) plane3x3(xp, yp, wp, b, H, W, OH, OW, SH, 1, PT, PL, scratch, R, n, true, vlo, vhi);
      else plane3x3(xp, yp, wp, b, H, W, OH, OW, SH, 1, PT, PL, scratch, R, n, false, vlo, vhi);
    } else {
      if (accumulate) plane3x3(xp, yp, wp, b, H, W, OH, OW, SH, 2, PT, PL, scratch, R, n, true, vlo, vhi);
      else plane3x3(xp, yp, wp, b, H, W, OH, OW, SH, 2, PT, PL, scratch, R, n, false, vlo, vhi);
    }
  }
}
