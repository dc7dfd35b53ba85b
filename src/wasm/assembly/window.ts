// 2-D sliding-window kernels over the planes of an NCHW tensor, one work unit per plane:
// depthwise convolution (one filter per channel), max pooling and average pooling. Four
// adjacent outputs of a row are computed as one vector when all their taps are inside the row
// (strides 1 and 2); the borders go tap by tap.
import { madd } from './simd';

// @ts-ignore: decorator
@inline
function pi(p: usize, slot: i32): i32 {
  return load<i32>(p + (<usize>slot << 2));
}

// @ts-ignore: decorator
@inline
function pf(p: usize, slot: i32): f32 {
  return load<f32>(p + (<usize>slot << 2));
}

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
const S_PT = 14;
const S_PL = 15;
const S_OH = 16;
const S_OW = 17;
const S_ACT = 18;
const S_LO = 19;
const S_HI = 20;
const S_ACCUMULATE = 21;

const M_DEPTHWISE = 0;
const M_MAX = 1;
const M_AVG = 2;
const M_AVG_PAD = 3;

/** Loads the 4 taps of outputs ox..ox+3 at input column ix0 (stride 1 or 2). */
// @ts-ignore: decorator
@inline
function taps(row: usize, ix0: i32, sw: i32): v128 {
  const p = row + (<usize>ix0 << 2);
  if (sw == 1) return v128.load(p);
  return v128.shuffle<f32>(v128.load(p), v128.load(p, 16), 0, 2, 4, 6);
}

/** Planes [begin, end) of the window op described at p. */
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
  const PT = pi(p, S_PT);
  const PL = pi(p, S_PL);
  const OH = pi(p, S_OH);
  const OW = pi(p, S_OW);
  const act = pi(p, S_ACT);
  const lo = pf(p, S_LO);
  const hi = pf(p, S_HI);
  const accumulate = pi(p, S_ACCUMULATE) != 0;
  const vlo = f32x4.splat(lo);
  const vhi = f32x4.splat(hi);
  const bias = <usize>pi(p, S_BIAS);
  // Output columns [oxa, oxb) have every tap inside the row.
  let oxa = (PL + SW - 1) / SW;
  let oxb = OW;
  while (oxb > oxa && (oxb - 1) * SW - PL + (KW - 1) * DW >= W) oxb--;
  const vectors = SW <= 2;
  for (let plane = begin; plane < end; plane++) {
    const c = plane % C;
    const x = <usize>pi(p, S_X) + (<usize>plane * <usize>(H * W) << 2);
    const y = <usize>pi(p, S_Y) + (<usize>plane * <usize>(OH * OW) << 2);
    const w = <usize>pi(p, S_W) + (<usize>(c * KH * KW) << 2);
    const b: f32 = mode == M_DEPTHWISE && bias ? load<f32>(bias + (<usize>c << 2)) : 0;
    for (let oy = 0; oy < OH; oy++) {
      const iy0 = oy * SH - PT;
      // Rows of the kernel that land inside the input.
      let kya = 0;
      while (kya < KH && iy0 + kya * DH < 0) kya++;
      let kyb = KH;
      while (kyb > kya && iy0 + (kyb - 1) * DH >= H) kyb--;
      const yrow = y + (<usize>(oy * OW) << 2);
      const rowTaps = (kyb - kya) * KW;
      let ox = 0;
      while (ox < OW) {
        const vec = vectors && ox >= oxa && ox + 4 <= oxb;
        if (vec) {
          const ix0 = ox * SW - PL;
          let acc = f32x4.splat(mode == M_MAX ? -Infinity : mode == M_DEPTHWISE ? b : 0);
          for (let ky = kya; ky < kyb; ky++) {
            const row = x + (<usize>((iy0 + ky * DH) * W) << 2);
            for (let kx = 0; kx < KW; kx++) {
              const v = taps(row, ix0 + kx * DW, SW);
              if (mode == M_DEPTHWISE) acc = madd(v, v128.load32_splat(w + (<usize>(ky * KW + kx) << 2)), acc);
              else if (mode == M_MAX) acc = f32x4.max(acc, v);
              else acc = f32x4.add(acc, v);
            }
          }
          if (mode == M_AVG) acc = f32x4.div(acc, f32x4.splat(<f32>rowTaps));
          else if (mode == M_AVG_PAD) acc = f32x4.div(acc, f32x4.splat(<f32>(KH * KW)));
          const out = yrow + (<usize>ox << 2);
          if (accumulate) acc = f32x4.add(acc, v128.load(out));
          if (act == 1) acc = f32x4.min(f32x4.max(acc, vlo), vhi);
          v128.store(out, acc);
          ox += 4;
          continue;
        }
        const ix0 = ox * SW - PL;
        let acc: f32 = mode == M_MAX ? -Infinity : mode == M_DEPTHWISE ? b : 0;
        let count = 0;
        for (let ky = kya; ky < kyb; ky++) {
          const row = x + (<usize>((iy0 + ky * DH) * W) << 2);
          for (let kx = 0; kx < KW; kx++) {
            const ix = ix0 + kx * DW;
            if (ix < 0 || ix >= W) continue;
            const v = load<f32>(row + (<usize>ix << 2));
            if (mode == M_DEPTHWISE) acc += v * load<f32>(w + (<usize>(ky * KW + kx) << 2));
            else if (mode == M_MAX) acc = max<f32>(acc, v);
            else acc += v;
            count++;
          }
        }
        if (mode == M_AVG) acc /= <f32>count;
        else if (mode == M_AVG_PAD) acc /= <f32>(KH * KW);
        const out = yrow + (<usize>ox << 2);
        if (accumulate) acc += load<f32>(out);
        if (act == 1) acc = min<f32>(max<f32>(acc, lo), hi);
        store<f32>(out, acc);
        ox++;
      }
    }
  }
}
