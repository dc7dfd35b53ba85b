// The transforms of Winograd F(2x2, 3x3) (winograd.ts): a 4x4 input block per 2x2 tile of
// outputs, 4 tiles per vector (lane = tile).

/**
 * V[ξ] for tiles [t0, t0 + count) of image x (C planes of Hp x Wp, padding in place, at least
 * 2*TH + 2 rows and 2*TW + 2 columns). V[ξ] is `panels` panels of C x 8 floats (tile-minor);
 * columns past `count` repeat tile t0 (finite values whose outputs are never stored). V[ξ]
 * starts at v + ξ vStride.
 */
export function inputTransform2(x: usize, C: i32, Hp: i32, Wp: i32, TW: i32, t0: i32, count: i32, panels: i32, v: usize, vStride: usize): void {
  const plane = <usize>(Hp * Wp) << 2;
  const row = <usize>Wp << 2;
  for (let q = 0; q < panels * 8; q += 4) {
    // Top-left corner of each lane's 4x4 input block.
    let a0: usize = 0;
    let a1: usize = 0;
    let a2: usize = 0;
    let a3: usize = 0;
    for (let l = 0; l < 4; l++) {
      const t = q + l < count ? t0 + q + l : t0;
      const ty = t / TW;
      const at = x + (<usize>(2 * ty * Wp + 2 * (t - ty * TW)) << 2);
      if (l == 0) a0 = at;
      else if (l == 1) a1 = at;
      else if (l == 2) a2 = at;
      else a3 = at;
    }
    const dst = v + (<usize>((q >> 3) * 8 * C + (q & 4)) << 2);
    for (let c = 0; c < C; c++) {
      const o = <usize>c * plane;
      // d_r_k: row r, column k of the 4 lanes' blocks (lane = tile).
      let r0 = v128.load(a0 + o);
      let r1 = v128.load(a1 + o);
      let r2 = v128.load(a2 + o);
      let r3 = v128.load(a3 + o);
      let t0v = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
      let t1v = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
      let t2v = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
      let t3v = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
      const d00 = v128.shuffle<f32>(t0v, t2v, 0, 1, 4, 5);
      const d01 = v128.shuffle<f32>(t0v, t2v, 2, 3, 6, 7);
      const d02 = v128.shuffle<f32>(t1v, t3v, 0, 1, 4, 5);
      const d03 = v128.shuffle<f32>(t1v, t3v, 2, 3, 6, 7);
      r0 = v128.load(a0 + o + row);
      r1 = v128.load(a1 + o + row);
      r2 = v128.load(a2 + o + row);
      r3 = v128.load(a3 + o + row);
      t0v = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
      t1v = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
      t2v = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
      t3v = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
      const d10 = v128.shuffle<f32>(t0v, t2v, 0, 1, 4, 5);
      const d11 = v128.shuffle<f32>(t0v, t2v, 2, 3, 6, 7);
      const d12 = v128.shuffle<f32>(t1v, t3v, 0, 1, 4, 5);
      const d13 = v128.shuffle<f32>(t1v, t3v, 2, 3, 6, 7);
      r0 = v128.load(a0 + o + 2 * row);
      r1 = v128.load(a1 + o + 2 * row);
      r2 = v128.load(a2 + o + 2 * row);
      r3 = v128.load(a3 + o + 2 * row);
      t0v = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
      t1v = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
      t2v = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
      t3v = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
      const d20 = v128.shuffle<f32>(t0v, t2v, 0, 1, 4, 5);
      const d21 = v128.shuffle<f32>(t0v, t2v, 2, 3, 6, 7);
      const d22 = v128.shuffle<f32>(t1v, t3v, 0, 1, 4, 5);
      const d23 = v128.shuffle<f32>(t1v, t3v, 2, 3, 6, 7);
      r0 = v128.load(a0 + o + 3 * row);
      r1 = v128.load(a1 + o + 3 * row);
      r2 = v128.load(a2 + o + 3 * row);
      r3 = v128.load(a3 + o + 3 * row);
      t0v = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
      t1v = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
      t2v = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
      t3v = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
      const d30 = v128.shuffle<f32>(t0v, t2v, 0, 1, 4, 5);
      const d31 = v128.shuffle<f32>(t0v, t2v, 2, 3, 6, 7);
      const d32 = v128.shuffle<f32>(t1v, t3v, 0, 1, 4, 5);
      const d33 = v128.shuffle<f32>(t1v, t3v, 2, 3, 6, 7);
      // B^T d: rows combined (B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1]).
      const w00 = f32x4.sub(d00, d20);
      const w01 = f32x4.sub(d01, d21);
      const w02 = f32x4.sub(d02, d22);
      const w03 = f32x4.sub(d03, d23);
      const w10 = f32x4.add(d10, d20);
      const w11 = f32x4.add(d11, d21);
      const w12 = f32x4.add(d12, d22);
      const w13 = f32x4.add(d13, d23);
      const w20 = f32x4.sub(d20, d10);
      const w21 = f32x4.sub(d21, d11);
      const w22 = f32x4.sub(d22, d12);
      const w23 = f32x4.sub(d23, d13);
      const w30 = f32x4.sub(d10, d30);
      const w31 = f32x4.sub(d11, d31);
      const w32 = f32x4.sub(d12, d32);
      const w33 = f32x4.sub(d13, d33);
      // (B^T d) B: columns combined, element ξ = 4i + j stored in V[ξ].
      const s = dst + (<usize>c << 5);
      v128.store(s, f32x4.sub(w00, w02));
      v128.store(s + vStride, f32x4.add(w01, w02));
      v128.store(s + 2 * vStride, f32x4.sub(w02, w01));
      v128.store(s + 3 * vStride, f32x4.sub(w01, w03));
      v128.store(s + 4 * vStride, f32x4.sub(w10, w12));
      v128.store(s + 5 * vStride, f32x4.add(w11, w12));
      v128.store(s + 6 * vStride, f32x4.sub(w12, w11));
      v128.store(s + 7 * vStride, f32x4.sub(w11, w13));
      v128.store(s + 8 * vStride, f32x4.sub(w20, w22));
      v128.store(s + 9 * vStride, f32x4.add(w21, w22));
      v128.store(s + 10 * vStride, f32x4.sub(w22, w21));
      v128.store(s + 11 * vStride, f32x4.sub(w21, w23));
      v128.store(s + 12 * vStride, f32x4.sub(w30, w32));
      v128.store(s + 13 * vStride, f32x4.add(w31, w32));
      v128.store(s + 14 * vStride, f32x4.sub(w32, w31));
      v128.store(s + 15 * vStride, f32x4.sub(w31, w33));
    }
  }
}

/**
 * Y rows [row0, row1) of output tiles [t0, t0 + count) of one image from the 16 products
 * (ld = panels*8, M[ξ] at m + ξ mStride): A^T m A (A^T = [1 1 1 0; 0 1 -1 -1]), plus bias, residual, clamp.
 */
export function outputTransform2(
  m: usize,
  mStride: usize,
  panels: i32,
  row0: i32,
  row1: i32,
  t0: i32,
  count: i32,
  TW: i32,
  OH: i32,
  OW: i32,
  y: usize,
  res: usize,
  bias: usize,
  act: i32,
  lo: f32,
  hi: f32,
  spill: usize,
): void {
  const ld = panels * 8;
  const planeBytes = <usize>(OH * OW) << 2;
  const rowBytes = <usize>OW << 2;
  const vlo = f32x4.splat(lo);
  const vhi = f32x4.splat(hi);
  for (let r = row0; r < row1; r++) {
    const b = bias != 0 ? v128.load32_splat(bias + (<usize>r << 2)) : f32x4.splat(0);
    const yPlane = y + <usize>r * planeBytes;
    const rPlane = res + <usize>r * planeBytes;
    for (let q = 0; q < count; q += 4) {
      const p = m + (<usize>(r * ld + q) << 2);
      const m0 = v128.load(p);
      const m1 = v128.load(p + mStride);
      const m2 = v128.load(p + 2 * mStride);
      const m3 = v128.load(p + 3 * mStride);
      const m4 = v128.load(p + 4 * mStride);
      const m5 = v128.load(p + 5 * mStride);
      const m6 = v128.load(p + 6 * mStride);
      const m7 = v128.load(p + 7 * mStride);
      const m8 = v128.load(p + 8 * mStride);
      const m9 = v128.load(p + 9 * mStride);
      const m10 = v128.load(p + 10 * mStride);
      const m11 = v128.load(p + 11 * mStride);
      const m12 = v128.load(p + 12 * mStride);
      const m13 = v128.load(p + 13 * mStride);
      const m14 = v128.load(p + 14 * mStride);
      const m15 = v128.load(p + 15 * mStride);
      // A^T m: rows combined.
      const s00 = f32x4.add(f32x4.add(m0, m4), m8);
      const s01 = f32x4.add(f32x4.add(m1, m5), m9);
      const s02 = f32x4.add(f32x4.add(m2, m6), m10);
      const s03 = f32x4.add(f32x4.add(m3, m7), m11);
      const s10 = f32x4.sub(f32x4.sub(m4, m8), m12);
      const s11 = f32x4.sub(f32x4.sub(m5, m9), m13);
      const s12 = f32x4.sub(f32x4.sub(m6, m10), m14);
      const s13 = f32x4.sub(f32x4.sub(m7, m11), m15);
      // (A^T m) A: columns combined; y_ij for the 4 lanes (tiles).
      let y00 = f32x4.add(f32x4.add(f32x4.add(s00, s01), s02), b);
      let y01 = f32x4.add(f32x4.sub(f32x4.sub(s01, s02), s03), b);
      let y10 = f32x4.add(f32x4.add(f32x4.add(s10, s11), s12), b);
      let y11 = f32x4.add(f32x4.sub(f32x4.sub(s11, s12), s13), b);
      const t = t0 + q;
      const ty = t / TW;
      const tx = t - ty * TW;
      const oy = 2 * ty;
      const ox = 2 * tx;
      if (q + 4 <= count && tx + 4 <= TW && ox + 8 <= OW && oy + 2 <= OH) {
        // 4 tiles side by side: two rows of 8 outputs.
        const o = <usize>(oy * OW + ox) << 2;
        let a0 = v128.shuffle<f32>(y00, y01, 0, 4, 1, 5);
        let a1 = v128.shuffle<f32>(y00, y01, 2, 6, 3, 7);
        let b0 = v128.shuffle<f32>(y10, y11, 0, 4, 1, 5);
        let b1 = v128.shuffle<f32>(y10, y11, 2, 6, 3, 7);
        if (res != 0) {
          a0 = f32x4.add(a0, v128.load(rPlane + o));
          a1 = f32x4.add(a1, v128.load(rPlane + o, 16));
          b0 = f32x4.add(b0, v128.load(rPlane + o + rowBytes));
          b1 = f32x4.add(b1, v128.load(rPlane + o + rowBytes, 16));
        }
        if (act == 1) {
          a0 = f32x4.min(f32x4.max(a0, vlo), vhi);
          a1 = f32x4.min(f32x4.max(a1, vlo), vhi);
          b0 = f32x4.min(f32x4.max(b0, vlo), vhi);
          b1 = f32x4.min(f32x4.max(b1, vlo), vhi);
        }
        v128.store(yPlane + o, a0);
        v128.store(yPlane + o, a1, 16);
        v128.store(yPlane + o + rowBytes, b0);
        v128.store(yPlane + o + rowBytes, b1, 16);
        continue;
      }
      // Tiles at the edges or across tile rows: lane by lane, clipped to the output.
      v128.store(spill, y00);
      v128.store(spill, y01, 16);
      v128.store(spill, y10, 32);
      v128.store(spill, y11, 48);
      for (let l = 0; l < min(4, count - q); l++) {
        const tl = t + l;
        const ly = tl / TW;
        const lx = tl - ly * TW;
        for (let i = 0; i < 2; i++) {
          const yy = 2 * ly + i;
          if (yy >= OH) continue;
          for (let j = 0; j < 2; j++) {
            const xx = 2 * lx + j;
            if (xx >= OW) continue;
            const o = <usize>(yy * OW + xx) << 2;
            let val = load<f32>(spill + (<usize>((i * 2 + j) * 4 + l) << 2));
            if (res != 0) val += load<f32>(rPlane + o);
            if (act == 1) val = min<f32>(max<f32>(val, lo), hi);
            store<f32>(yPlane + o, val);
          }
        }
      }
    }
  }
}
