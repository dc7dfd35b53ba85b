// 2-D sliding-window kernels over the planes of an NCHW tensor, one work unit per plane:
// depthwise convolution (one filter per channel), max pooling and average pooling. The input
// comes with its padding in place (pad_planes: zeros, or -inf for max pooling), so every tap
// of every output is inside it and a row of outputs is computed 4 at a time without branches.
// A 3x3 depthwise filter keeps its 9 weights in registers; one without dilation and strides 1
// or 2 across reads the unpadded planes instead (depthwise.ts).
import { madd, storeLanes } from './simd';
import { pi, pf } from './params';
import { depthwise3x3 } from './depthwise';

// Slots (mirrored in src/runtime/wasm/params.ts).
const S_MODE = 0;
const S_X = 1;
const S_Y = 2;
const S_W = 3;
const S_BIAS = 4;
const S_C = 5;
const S_H = 6;
const S_W_ = 7;
const S_KH = 8;
const S_KW = 9;
const S_SH = 10;
const S_SW = 11;
const S_DH = 12;
const S_DW = 13;
const S_ROWDIV = 14;
const S_COLDIV = 15;
const S_OH = 16;
const S_OW = 17;
const S_ACT = 18;
const S_LO = 19;
const S_HI = 20;
const S_ACCUMULATE = 21;
const S_PT = 22;
const S_PL = 23;
const S_PADDED = 24;

const M_DEPTHWISE = 0;
const M_MAX = 1;
const M_AVG = 2;

/** The 4 taps of outputs ox..ox+3 at input column ix (stride s; 1 and 2 as vector loads). */
// @ts-ignore: decorator
@inline
function taps(row: usize, ix: i32, s: i32): v128 {
  const p = row + (<usize>ix << 2);
  if (s == 1) return v128.load(p);
  if (s == 2) return v128.shuffle<f32>(v128.load(p), v128.load(p, 16), 0, 2, 4, 6);
  let v = f32x4.splat(load<f32>(p));
  v = f32x4.replace_lane(v, 1, load<f32>(p + (<usize>s << 2)));
  v = f32x4.replace_lane(v, 2, load<f32>(p + (<usize>(2 * s) << 2)));
  return f32x4.replace_lane(v, 3, load<f32>(p + (<usize>(3 * s) << 2)));
}

/** Bias/accumulate/clamp, then stores the valid lanes of 4 outputs. */
// @ts-ignore: decorator
@inline
function finish(out: usize, acc: v128, n: i32, accumulate: bool, act: i32, lo: v128, hi: v128): void {
  let v = acc;
  if (accumulate) v = f32x4.add(v, v128.load(out));
  if (act == 1) v = f32x4.min(f32x4.max(v, lo), hi);
  storeLanes(out, v, n);
}

/** Depthwise 3x3 on padded planes with strides s (1 or 2) and dilations d: weights held in registers. */
// @ts-ignore: decorator
@inline
function depthwise3x3Padded(x: usize, y: usize, w: usize, b: f32, W: i32, OH: i32, OW: i32, SH: i32, SW: i32, DH: i32, DW: i32, accumulate: bool, act: i32, lo: v128, hi: v128): void {
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
  const dy = <usize>(DH * W) << 2;
  for (let oy = 0; oy < OH; oy++) {
    const r0 = x + (<usize>(oy * SH * W) << 2);
    const r1 = r0 + dy;
    const r2 = r1 + dy;
    const yrow = y + (<usize>(oy * OW) << 2);
    for (let ox = 0; ox < OW; ox += 4) {
      const ix = ox * SW;
      let acc = madd(taps(r0, ix, SW), w0, vb);
      acc = madd(taps(r0, ix + DW, SW), w1, acc);
      acc = madd(taps(r0, ix + 2 * DW, SW), w2, acc);
      acc = madd(taps(r1, ix, SW), w3, acc);
      acc = madd(taps(r1, ix + DW, SW), w4, acc);
      acc = madd(taps(r1, ix + 2 * DW, SW), w5, acc);
      acc = madd(taps(r2, ix, SW), w6, acc);
      acc = madd(taps(r2, ix + DW, SW), w7, acc);
      acc = madd(taps(r2, ix + 2 * DW, SW), w8, acc);
      finish(yrow + (<usize>ox << 2), acc, OW - ox, accumulate, act, lo, hi);
    }
  }
}

/** Any window of one plane for one mode (a compile-time constant after inlining). */
// @ts-ignore: decorator
@inline
function plane(
  mode: i32,
  x: usize,
  y: usize,
  w: usize,
  b: f32,
  W: i32,
  KH: i32,
  KW: i32,
  OH: i32,
  OW: i32,
  SH: i32,
  SW: i32,
  DH: i32,
  DW: i32,
  rowDiv: usize,
  colDiv: usize,
  accumulate: bool,
  act: i32,
  lo: v128,
  hi: v128,
): void {
  for (let oy = 0; oy < OH; oy++) {
    const top = x + (<usize>(oy * SH * W) << 2);
    const yrow = y + (<usize>(oy * OW) << 2);
    const rd = mode == M_AVG ? v128.load32_splat(rowDiv + (<usize>oy << 2)) : f32x4.splat(1);
    for (let ox = 0; ox < OW; ox += 4) {
      const ix = ox * SW;
      let acc = f32x4.splat(mode == M_MAX ? -Infinity : mode == M_DEPTHWISE ? b : 0);
      for (let ky = 0; ky < KH; ky++) {
        const row = top + (<usize>(ky * DH * W) << 2);
        for (let kx = 0; kx < KW; kx++) {
          const v = taps(row, ix + kx * DW, SW);
          if (mode == M_DEPTHWISE) acc = madd(v, v128.load32_splat(w + (<usize>(ky * KW + kx) << 2)), acc);
          else if (mode == M_MAX) acc = f32x4.max(acc, v);
          else acc = f32x4.add(acc, v);
        }
      }
      // Average: divide by the taps counted for the row times those for the column.
      if (mode == M_AVG) acc = f32x4.div(acc, f32x4.mul(rd, v128.load(colDiv + (<usize>ox << 2))));
      finish(yrow + (<usize>ox << 2), acc, OW - ox, accumulate, act, lo, hi);
    }
  }
}

/**
 * Planes [begin, end) of the window op described at p. The input planes are H x W including
 * their padding, except for a 3x3 depthwise filter with slot S_PADDED 0 (padding PT, PL around
 * an unpadded plane, strides 1 or 2 across, no dilation: depthwise.ts). Average pooling divides
 * by rowDiv[oy] * colDiv[ox] (tables of OH and OW floats).
 */
export function window2d(p: usize, begin: i32, end: i32, scratch: usize): void {
  const mode = pi(p, S_MODE);
  const C = pi(p, S_C);
  const H = pi(p, S_H);
  const W = pi(p, S_W_);
  const KH = pi(p, S_KH);
  const KW = pi(p, S_KW);
  const SH = pi(p, S_SH);
  const SW = pi(p, S_SW);
  const DH = pi(p, S_DH);
  const DW = pi(p, S_DW);
  const OH = pi(p, S_OH);
  const OW = pi(p, S_OW);
  const act = pi(p, S_ACT);
  const lo = f32x4.splat(pf(p, S_LO));
  const hi = f32x4.splat(pf(p, S_HI));
  const accumulate = pi(p, S_ACCUMULATE) != 0;
  const bias = <usize>pi(p, S_BIAS);
  const rowDiv = <usize>pi(p, S_ROWDIV);
  const colDiv = <usize>pi(p, S_COLDIV);
  const padded = pi(p, S_PADDED) != 0;
  const PT = pi(p, S_PT);
  const PL = pi(p, S_PL);
  if (!padded) {
    const l: f32 = act == 1 ? pf(p, S_LO) : -Infinity;
    const h: f32 = act == 1 ? pf(p, S_HI) : Infinity;
    depthwise3x3(<usize>pi(p, S_X), <usize>pi(p, S_Y), <usize>pi(p, S_W), bias, C, H, W, OH, OW, SH, SW, PT, PL, accumulate, l, h, begin, end, scratch);
    return;
  }
  for (let pl = begin; pl < end; pl++) {
    const c = pl % C;
    const x = <usize>pi(p, S_X) + (<usize>pl * <usize>(H * W) << 2);
    const y = <usize>pi(p, S_Y) + (<usize>pl * <usize>(OH * OW) << 2);
    if (mode == M_DEPTHWISE) {
      const w = <usize>pi(p, S_W) + (<usize>(c * KH * KW) << 2);
      const b: f32 = bias ? load<f32>(bias + (<usize>c << 2)) : 0;
      if (KH == 3 && KW == 3 && SW <= 2) depthwise3x3Padded(x, y, w, b, W, OH, OW, SH, SW, DH, DW, accumulate, act, lo, hi);
      else plane(M_DEPTHWISE, x, y, w, b, W, KH, KW, OH, OW, SH, SW, DH, DW, 0, 0, accumulate, act, lo, hi);
    } else if (mode == M_MAX) {
      plane(M_MAX, x, y, 0, 0, W, KH, KW, OH, OW, SH, SW, DH, DW, 0, 0, accumulate, act, lo, hi);
    } else {
      plane(M_AVG, x, y, 0, 0, W, KH, KW, OH, OW, SH, SW, DH, DW, rowDiv, colDiv, accumulate, act, lo, hi);
    }
  }
}
