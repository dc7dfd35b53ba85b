// Packing the im2col matrix of an image (C x H x W) straight into B panels: row k of the
// matrix is a tap (c, ky, kx), column n an output position (oy, ox). The image comes with its
// padding already in place (pad_planes), so every tap of a valid output is inside it. A panel
// of 8 columns covers one output row, or the end of one row and the start of the next: then
// two vector loads are blended. Output rows narrower than 7, or strides above 2, go tap by tap.

// Conv geometry slots, relative to the start of the geometry in the parameter block.
const G_H = 1;
const G_W = 2;
const G_KH = 3;
const G_KW = 4;
const G_SH = 5;
const G_SW = 6;
const G_DH = 7;
const G_DW = 8;
const G_OW = 12;

// @ts-ignore: decorator
@inline
function gi(g: usize, slot: i32): i32 {
  return load<i32>(g + (<usize>slot << 2));
}

/** 4 taps at columns ix, ix+s, ix+2s, ix+3s of a row (s = 1 or 2). */
// @ts-ignore: decorator
@inline
function load4(row: usize, ix: i32, s: i32): v128 {
  const p = row + (<usize>ix << 2);
  if (s == 1) return v128.load(p);
  return v128.shuffle<f32>(v128.load(p), v128.load(p, 16), 0, 2, 4, 6);
}

/** Packs column panels [jp0, jp1) of the im2col matrix of the (padded) image x over k in [k0, k0+kc). */
export function packBIm2col(g: usize, x: usize, N: i32, k0: i32, kc: i32, jp0: i32, jp1: i32, dst: usize, spill: usize): void {
  const H = gi(g, G_H);
  const W = gi(g, G_W);
  const KH = gi(g, G_KH);
  const KW = gi(g, G_KW);
  const SH = gi(g, G_SH);
  const SW = gi(g, G_SW);
  const DH = gi(g, G_DH);
  const DW = gi(g, G_DW);
  const OW = gi(g, G_OW);
  const khw = KH * KW;
  const vectors = SW <= 2 && OW >= 7;
  const rowStep = <usize>(SH * W) << 2;
  for (let j = jp0; j < jp1; j++) {
    const d = dst + (<usize>((j - jp0) * 8 * kc) << 2);
    const n0 = j * 8;
    const valid = min(8, N - n0);
    const oy0 = n0 / OW;
    const ox0 = n0 - oy0 * OW;
    let ci = k0 / khw;
    let ky = (k0 - ci * khw) / KW;
    let kx0 = k0 - ci * khw - ky * KW;
    const kEnd = k0 + kc;
    let k = k0;
    let dk = d;
    if (!vectors) {
      // Tap by tap, from per-column offsets (columns past N read column 0 and are never stored).
      for (let t = 0; t < 8; t++) {
        const n = t < valid ? n0 + t : 0;
        const oy = n / OW;
        store<i32>(spill + (<usize>t << 2), oy * SH * W + (n - oy * OW) * SW);
      }
      while (k < kEnd) {
        const n = min(KW - kx0, kEnd - k);
        const row = x + (<usize>((ci * H + ky * DH) * W) << 2);
        for (let kx = kx0; kx < kx0 + n; kx++) {
          const tap = row + (<usize>(kx * DW) << 2);
          for (let t = 0; t < 8; t++) store<f32>(dk + (<usize>t << 2), load<f32>(tap + (<usize>load<i32>(spill + (<usize>t << 2)) << 2)));
          dk += 32;
        }
        k += n;
        kx0 = 0;
        if (++ky == KH) {
          ky = 0;
          ci++;
        }
      }
      continue;
    }
    // Lanes [0, split) are in output row oy0, lanes [split, valid) in row oy0 + 1.
    const split = min(valid, OW - ox0);
    const two = split < valid;
    const lane = i32x4.splat(split);
    const maskLo = i32x4.gt_s(lane, i32x4(0, 1, 2, 3));
    const maskHi = i32x4.gt_s(lane, i32x4(4, 5, 6, 7));
    const ixA0 = ox0 * SW;
    const ixB0 = -split * SW;
    // Taps come in runs of one kernel row (c, ky, kx..): the input row is found once per run.
    while (k < kEnd) {
      const n = min(KW - kx0, kEnd - k);
      const rowA = x + (<usize>((ci * H + oy0 * SH + ky * DH) * W) << 2);
      if (!two) {
        for (let kx = kx0; kx < kx0 + n; kx++) {
          const ix = ixA0 + kx * DW;
          v128.store(dk, load4(rowA, ix, SW));
          v128.store(dk, load4(rowA, ix + 4 * SW, SW), 16);
          dk += 32;
        }
      } else {
        const rowB = rowA + rowStep;
        for (let kx = kx0; kx < kx0 + n; kx++) {
          const ia = ixA0 + kx * DW;
          const ib = ixB0 + kx * DW;
          v128.store(dk, v128.bitselect(load4(rowA, ia, SW), load4(rowB, ib, SW), maskLo));
          v128.store(dk, v128.bitselect(load4(rowA, ia + 4 * SW, SW), load4(rowB, ib + 4 * SW, SW), maskHi), 16);
          dk += 32;
        }
      }
      k += n;
      kx0 = 0;
      if (++ky == KH) {
        ky = 0;
        ci++;
      }
    }
  }
}

/**
 * Copies planes [begin, end) of x (H x W each) into y with a border of `fill`: PT rows above,
 * PL columns left, the rest to fill Hp x Wp (slots: x, y, H, W, PT, PL, Hp, Wp, fill).
 */
export function pad_planes(p: usize, begin: i32, end: i32, scratch: usize): void {
  const x = <usize>load<i32>(p);
  const y = <usize>load<i32>(p, 4);
  const H = load<i32>(p, 8);
  const W = load<i32>(p, 12);
  const PT = load<i32>(p, 16);
  const PL = load<i32>(p, 20);
  const Hp = load<i32>(p, 24);
  const Wp = load<i32>(p, 28);
  const fill = load<f32>(p, 32);
  const rowBytes = <usize>Wp << 2;
  for (let c = begin; c < end; c++) {
    const src = x + (<usize>c * <usize>(H * W) << 2);
    const dst = y + (<usize>c * <usize>(Hp * Wp) << 2);
    fillFloats(dst, <usize>PT * <usize>Wp, fill);
    for (let r = 0; r < H; r++) {
      const row = dst + <usize>(PT + r) * rowBytes;
      fillFloats(row, <usize>PL, fill);
      memory.copy(row + (<usize>PL << 2), src + (<usize>(r * W) << 2), <usize>W << 2);
      fillFloats(row + (<usize>(PL + W) << 2), <usize>(Wp - PL - W), fill);
    }
    fillFloats(dst + <usize>(PT + H) * rowBytes, <usize>(Hp - PT - H) * <usize>Wp, fill);
  }
}

function fillFloats(p: usize, n: usize, v: f32): void {
  if (v == 0 && !(1 / v < 0)) {
    memory.fill(p, 0, n << 2);
    return;
  }
  const vv = f32x4.splat(v);
  let i: usize = 0;
  for (; i + 4 <= n; i += 4) v128.store(p + (i << 2), vv);
  for (; i < n; i++) store<f32>(p + (i << 2), v);
}
