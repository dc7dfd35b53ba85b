// The transforms of Winograd F(4x4, 3x3) (winograd.ts): a 6x6 input block per 4x4 tile of
// outputs, 4 tiles per vector (lane = tile). Each transform is two passes of the 1-D one
// (rows, then columns) through 36 vectors of temporaries in L1.
//   B^T = [4 0 -5 0 1 0; 0 -4 -4 1 1 0; 0 4 -4 -1 1 0; 0 -2 -1 2 1 0; 0 2 -1 -2 1 0; 0 4 0 -5 0 1]
//   A^T = [1 1 1 1 1 0; 0 1 -1 2 -2 0; 0 1 1 4 4 0; 0 1 -1 8 -8 1]

/** B^T applied to (d0..d5); the 6 results stored at dst, dst + stride, ... */
// @ts-ignore: decorator
@inline
function bt6(d0: v128, d1: v128, d2: v128, d3: v128, d4: v128, d5: v128, dst: usize, stride: usize): void {
  const k2 = f32x4.splat(2);
  const k4 = f32x4.splat(4);
  const k5 = f32x4.splat(5);
  const t1 = f32x4.sub(d4, f32x4.mul(k4, d2));
  const t2 = f32x4.sub(d3, f32x4.mul(k4, d1));
  const t3 = f32x4.sub(d4, d2);
  const t4 = f32x4.mul(k2, f32x4.sub(d3, d1));
  v128.store(dst, f32x4.add(f32x4.sub(d4, f32x4.mul(k5, d2)), f32x4.mul(k4, d0)));
  v128.store(dst + stride, f32x4.add(t1, t2));
  v128.store(dst + 2 * stride, f32x4.sub(t1, t2));
  v128.store(dst + 3 * stride, f32x4.add(t3, t4));
  v128.store(dst + 4 * stride, f32x4.sub(t3, t4));
  v128.store(dst + 5 * stride, f32x4.add(f32x4.sub(d5, f32x4.mul(k5, d3)), f32x4.mul(k4, d1)));
}

/** A^T applied to (m0..m5); the 4 results stored at dst, dst + stride, ... */
// @ts-ignore: decorator
@inline
function at6(m0: v128, m1: v128, m2: v128, m3: v128, m4: v128, m5: v128, dst: usize, stride: usize): void {
  const a = f32x4.add(m1, m2);
  const b = f32x4.sub(m1, m2);
  const c = f32x4.add(m3, m4);
  const d = f32x4.sub(m3, m4);
  v128.store(dst, f32x4.add(f32x4.add(m0, a), c));
  v128.store(dst + stride, f32x4.add(b, f32x4.mul(f32x4.splat(2), d)));
  v128.store(dst + 2 * stride, f32x4.add(a, f32x4.mul(f32x4.splat(4), c)));
  v128.store(dst + 3 * stride, f32x4.add(f32x4.add(b, f32x4.mul(f32x4.splat(8), d)), m5));
}

/** Byte offset of tile t's top-left input in an image whose rows are Wp floats. */
// @ts-ignore: decorator
@inline
function corner(t: i32, TW: i32, Wp: i32): usize {
  const ty = t / TW;
  return <usize>(4 * ty * Wp + 4 * (t - ty * TW)) << 2;
}

/**
 * V[ξ] for tiles [t0, t0 + count) of image x (C planes of Hp x Wp, padding in place, at least
 * 4*TH + 2 rows and 4*TW + 4 columns: each row of a block is read as 8 floats). V[ξ] is
 * `columns` tiles in panels of C x pw floats (tile-minor; pw = 8: GEMM B panels, 4: A panels)
 * at v + ξ vStride; columns past `count` repeat tile t0. tmp: 36 vectors.
 */
export function inputTransform4(x: usize, C: i32, Hp: i32, Wp: i32, TW: i32, t0: i32, count: i32, columns: i32, pw: i32, v: usize, vStride: usize, tmp: usize): void {
  const plane = <usize>(Hp * Wp) << 2;
  const row = <usize>Wp << 2;
  const step = <usize>pw << 2;
  for (let q = 0; q < columns; q += 4) {
    const a0 = x + corner(t0 + (q < count ? q : 0), TW, Wp);
    const a1 = x + corner(t0 + (q + 1 < count ? q + 1 : 0), TW, Wp);
    const a2 = x + corner(t0 + (q + 2 < count ? q + 2 : 0), TW, Wp);
    const a3 = x + corner(t0 + (q + 3 < count ? q + 3 : 0), TW, Wp);
    const dst = v + (<usize>((q / pw) * pw * C + (q % pw)) << 2);
    for (let c = 0; c < C; c++) {
      const o = <usize>c * plane;
      // Rows: (d B)[r][j] from row r of the 4 blocks, transposed so that lane = tile.
      for (let r = 0; r < 6; r++) {
        const ro = o + <usize>r * row;
        const l0 = v128.load(a0 + ro);
        const l1 = v128.load(a1 + ro);
        const l2 = v128.load(a2 + ro);
        const l3 = v128.load(a3 + ro);
        const h0 = v128.load(a0 + ro, 16);
        const h1 = v128.load(a1 + ro, 16);
        const h2 = v128.load(a2 + ro, 16);
        const h3 = v128.load(a3 + ro, 16);
        const s0 = v128.shuffle<f32>(l0, l1, 0, 4, 1, 5);
        const s1 = v128.shuffle<f32>(l0, l1, 2, 6, 3, 7);
        const s2 = v128.shuffle<f32>(l2, l3, 0, 4, 1, 5);
        const s3 = v128.shuffle<f32>(l2, l3, 2, 6, 3, 7);
        const u0 = v128.shuffle<f32>(h0, h1, 0, 4, 1, 5);
        const u2 = v128.shuffle<f32>(h2, h3, 0, 4, 1, 5);
        bt6(
          v128.shuffle<f32>(s0, s2, 0, 1, 4, 5),
          v128.shuffle<f32>(s0, s2, 2, 3, 6, 7),
          v128.shuffle<f32>(s1, s3, 0, 1, 4, 5),
          v128.shuffle<f32>(s1, s3, 2, 3, 6, 7),
          v128.shuffle<f32>(u0, u2, 0, 1, 4, 5),
          v128.shuffle<f32>(u0, u2, 2, 3, 6, 7),
          tmp + (<usize>(r * 6) << 4),
          16,
        );
      }
      // Columns: V[6i + j] = (B^T (d B))[i][j].
      const s = dst + <usize>c * step;
      for (let j = 0; j < 6; j++) {
        const tj = tmp + (<usize>j << 4);
        bt6(v128.load(tj), v128.load(tj, 96), v128.load(tj, 192), v128.load(tj, 288), v128.load(tj, 384), v128.load(tj, 480), s + <usize>j * vStride, 6 * vStride);
      }
    }
  }
}

/**
 * Y rows [row0, row1) of output tiles [t0, t0 + count) of one image from the 36 products
 * (row r of M[ξ] at m + ξ mStride + r ld floats), plus bias, residual, clamp. tmp: 40 vectors and
 * 12 ints.
 */
export function outputTransform4(
  m: usize,
  mStride: usize,
  ld: i32,
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
  tmp: usize,
): void {
  const planeBytes = <usize>(OH * OW) << 2;
  const vlo = f32x4.splat(lo);
  const vhi = f32x4.splat(hi);
  // tmp: 24 vectors of A^T m (6 rows x 4), then 16 of Y (4 rows x 4 columns), then per lane
  // the tile's output offset (floats), rows and columns inside the output (0 rows: no tile).
  const ty = tmp + 384;
  const lane = tmp + 640;
  const rowBytes = <usize>OW << 2;
  for (let q = 0; q < count; q += 4) {
    let full = q + 4 <= count;
    for (let l = 0; l < 4; l++) {
      const t = t0 + q + l;
      const tyy = t / TW;
      const oy = 4 * tyy;
      const ox = 4 * (t - tyy * TW);
      const at = lane + (<usize>(l * 3) << 2);
      const rows = q + l < count ? min(4, OH - oy) : 0;
      const cols = min(4, OW - ox);
      store<i32>(at, oy * OW + ox);
      store<i32>(at, rows, 4);
      store<i32>(at, cols, 8);
      full = full && rows == 4 && cols == 4;
    }
    // 4 whole tiles (the usual case): their byte offsets in the output plane.
    const o0 = <usize>load<i32>(lane) << 2;
    const o1 = <usize>load<i32>(lane, 12) << 2;
    const o2 = <usize>load<i32>(lane, 24) << 2;
    const o3 = <usize>load<i32>(lane, 36) << 2;
    for (let r = row0; r < row1; r++) {
      const b = bias != 0 ? v128.load32_splat(bias + (<usize>r << 2)) : f32x4.splat(0);
      const yPlane = y + <usize>r * planeBytes;
      const rPlane = res + <usize>r * planeBytes;
      const p = m + (<usize>(r * ld + q) << 2);
      for (let i = 0; i < 6; i++) {
        const pi = p + <usize>(6 * i) * mStride;
        at6(
          v128.load(pi),
          v128.load(pi + mStride),
          v128.load(pi + 2 * mStride),
          v128.load(pi + 3 * mStride),
          v128.load(pi + 4 * mStride),
          v128.load(pi + 5 * mStride),
          tmp + (<usize>(i * 4) << 4),
          16,
        );
      }
      for (let j = 0; j < 4; j++) {
        const tj = tmp + (<usize>j << 4);
        at6(v128.load(tj), v128.load(tj, 64), v128.load(tj, 128), v128.load(tj, 192), v128.load(tj, 256), v128.load(tj, 320), ty + (<usize>j << 4), 64);
      }
      for (let i = 0; i < 4; i++) {
        // Row i of the 4 tiles: columns (lane = tile) transposed to one vector per tile.
        const ti = ty + (<usize>(i * 4) << 4);
        const c0 = v128.load(ti);
        const c1 = v128.load(ti, 16);
        const c2 = v128.load(ti, 32);
        const c3 = v128.load(ti, 48);
        const s0 = v128.shuffle<f32>(c0, c1, 0, 4, 1, 5);
        const s1 = v128.shuffle<f32>(c0, c1, 2, 6, 3, 7);
        const s2 = v128.shuffle<f32>(c2, c3, 0, 4, 1, 5);
        const s3 = v128.shuffle<f32>(c2, c3, 2, 6, 3, 7);
        if (full) {
          const ri = <usize>i * rowBytes;
          let v0 = f32x4.add(v128.shuffle<f32>(s0, s2, 0, 1, 4, 5), b);
          let v1 = f32x4.add(v128.shuffle<f32>(s0, s2, 2, 3, 6, 7), b);
          let v2 = f32x4.add(v128.shuffle<f32>(s1, s3, 0, 1, 4, 5), b);
          let v3 = f32x4.add(v128.shuffle<f32>(s1, s3, 2, 3, 6, 7), b);
          if (res != 0) {
            v0 = f32x4.add(v0, v128.load(rPlane + o0 + ri));
            v1 = f32x4.add(v1, v128.load(rPlane + o1 + ri));
            v2 = f32x4.add(v2, v128.load(rPlane + o2 + ri));
            v3 = f32x4.add(v3, v128.load(rPlane + o3 + ri));
          }
          if (act == 1) {
            v0 = f32x4.min(f32x4.max(v0, vlo), vhi);
            v1 = f32x4.min(f32x4.max(v1, vlo), vhi);
            v2 = f32x4.min(f32x4.max(v2, vlo), vhi);
            v3 = f32x4.min(f32x4.max(v3, vlo), vhi);
          }
          v128.store(yPlane + o0 + ri, v0);
          v128.store(yPlane + o1 + ri, v1);
          v128.store(yPlane + o2 + ri, v2);
          v128.store(yPlane + o3 + ri, v3);
          continue;
        }
        // Reuse the first 4 temporaries (A^T m is no longer needed) for the per-tile rows.
        v128.store(tmp, f32x4.add(v128.shuffle<f32>(s0, s2, 0, 1, 4, 5), b));
        v128.store(tmp, f32x4.add(v128.shuffle<f32>(s0, s2, 2, 3, 6, 7), b), 16);
        v128.store(tmp, f32x4.add(v128.shuffle<f32>(s1, s3, 0, 1, 4, 5), b), 32);
        v128.store(tmp, f32x4.add(v128.shuffle<f32>(s1, s3, 2, 3, 6, 7), b), 48);
        for (let l = 0; l < 4; l++) {
          const at = lane + (<usize>(l * 3) << 2);
          if (i >= load<i32>(at, 4)) continue;
          const o = <usize>(load<i32>(at) + i * OW) << 2;
          const cols = load<i32>(at, 8);
          let val = v128.load(tmp + (<usize>l << 4));
          if (cols == 4) {
            if (res != 0) val = f32x4.add(val, v128.load(rPlane + o));
            if (act == 1) val = f32x4.min(f32x4.max(val, vlo), vhi);
            v128.store(yPlane + o, val);
            continue;
          }
          // Right edge: the columns inside the output, one by one.
          for (let j = 0; j < cols; j++) {
            const oj = o + (<usize>j << 2);
            let s = load<f32>(tmp + (<usize>(l * 4 + j) << 2));
            if (res != 0) s += load<f32>(rPlane + oj);
            if (act == 1) s = min<f32>(max<f32>(s, lo), hi);
            store<f32>(yPlane + oj, s);
          }
        }
      }
    }
  }
}

/**
 * The transposed form (few tiles: rows of the products are tiles, 4 per A panel, and columns
 * output channels): Y rows [row0, row1) of tiles [t0, t0 + count) from M[ξ] (tiles x ldm floats,
 * at m + ξ mStride). Each 4 channels x 4 tiles of the 36 elements are transposed into `stage`
 * (36 x 4 vectors, lane = tile) for the output transform above. tmp as above.
 */
export function outputTransform4T(
  m: usize,
  mStride: usize,
  ldm: i32,
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
  tmp: usize,
  stage: usize,
): void {
  const planeBytes = <usize>(OH * OW) << 2;
  const rowBytes = <usize>ldm << 2;
  for (let i = 0; i < count; i += 4) {
    for (let r = row0; r < row1; r += 4) {
      const base = m + (<usize>(i * ldm + r) << 2);
      for (let e = 0; e < 36; e++) {
        const b = base + <usize>e * mStride;
        const c0 = v128.load(b);
        const c1 = v128.load(b + rowBytes);
        const c2 = v128.load(b + 2 * rowBytes);
        const c3 = v128.load(b + 3 * rowBytes);
        const s0 = v128.shuffle<f32>(c0, c1, 0, 4, 1, 5);
        const s1 = v128.shuffle<f32>(c0, c1, 2, 6, 3, 7);
        const s2 = v128.shuffle<f32>(c2, c3, 0, 4, 1, 5);
        const s3 = v128.shuffle<f32>(c2, c3, 2, 6, 3, 7);
        const d = stage + (<usize>e << 6);
        v128.store(d, v128.shuffle<f32>(s0, s2, 0, 1, 4, 5));
        v128.store(d, v128.shuffle<f32>(s0, s2, 2, 3, 6, 7), 16);
        v128.store(d, v128.shuffle<f32>(s1, s3, 0, 1, 4, 5), 32);
        v128.store(d, v128.shuffle<f32>(s1, s3, 2, 3, 6, 7), 48);
      }
      const rows = min(4, row1 - r);
      const o = <usize>r * planeBytes;
      outputTransform4(stage, 64, 4, 0, rows, t0 + i, min(4, count - i), TW, OH, OW, y + o, res != 0 ? res + o : 0, bias != 0 ? bias + (<usize>r << 2) : 0, act, lo, hi, tmp);
    }
  }
}
