// The register tiles of the packed GEMM (gemm.ts): 4 rows x 8 columns, and 1 row x 32 columns
// for single-row products, each with the epilogue (bias, clamp or GELU) applied as C is stored.
import { madd, clamp4 } from './simd';
import { gelu4x4 } from './math4';

/**
 * One 4x8 tile of C over kc steps: 8 accumulators, 2 loads of B and 4 splats of A per step.
 * mr/nr are the valid rows/columns; the packed operands are zero-padded past them.
 */
export function tile(
  pa: usize,
  pb: usize,
  kc: i32,
  c: usize,
  ldcBytes: usize,
  mr: i32,
  nr: i32,
  loadC: bool,
  bias: usize,
  biasKind: i32,
  act: i32,
  lo: f32,
  hi: f32,
  spill: usize,
): void {
  const full = mr == 4 && nr == 8;
  let c00 = f32x4.splat(0);
  let c01 = c00;
  let c10 = c00;
  let c11 = c00;
  let c20 = c00;
  let c21 = c00;
  let c30 = c00;
  let c31 = c00;
  if (full && loadC) {
    c00 = v128.load(c);
    c01 = v128.load(c, 16);
    c10 = v128.load(c + ldcBytes);
    c11 = v128.load(c + ldcBytes, 16);
    c20 = v128.load(c + 2 * ldcBytes);
    c21 = v128.load(c + 2 * ldcBytes, 16);
    c30 = v128.load(c + 3 * ldcBytes);
    c31 = v128.load(c + 3 * ldcBytes, 16);
  }
  for (let k = 0; k < kc; k++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load32_splat(pa);
    c00 = madd(a, b0, c00);
    c01 = madd(a, b1, c01);
    a = v128.load32_splat(pa, 4);
    c10 = madd(a, b0, c10);
    c11 = madd(a, b1, c11);
    a = v128.load32_splat(pa, 8);
    c20 = madd(a, b0, c20);
    c21 = madd(a, b1, c21);
    a = v128.load32_splat(pa, 12);
    c30 = madd(a, b0, c30);
    c31 = madd(a, b1, c31);
    pa += 16;
    pb += 32;
  }
  if (full) {
    if (biasKind == 1) {
      let s = v128.load32_splat(bias);
      c00 = f32x4.add(c00, s);
      c01 = f32x4.add(c01, s);
      s = v128.load32_splat(bias, 4);
      c10 = f32x4.add(c10, s);
      c11 = f32x4.add(c11, s);
      s = v128.load32_splat(bias, 8);
      c20 = f32x4.add(c20, s);
      c21 = f32x4.add(c21, s);
      s = v128.load32_splat(bias, 12);
      c30 = f32x4.add(c30, s);
      c31 = f32x4.add(c31, s);
    } else if (biasKind == 2) {
      const s0 = v128.load(bias);
      const s1 = v128.load(bias, 16);
      c00 = f32x4.add(c00, s0);
      c01 = f32x4.add(c01, s1);
      c10 = f32x4.add(c10, s0);
      c11 = f32x4.add(c11, s1);
      c20 = f32x4.add(c20, s0);
      c21 = f32x4.add(c21, s1);
      c30 = f32x4.add(c30, s0);
      c31 = f32x4.add(c31, s1);
    }
    if (act == 1) {
      const l = f32x4.splat(lo);
      const h = f32x4.splat(hi);
      c00 = clamp4(c00, l, h);
      c01 = clamp4(c01, l, h);
      c10 = clamp4(c10, l, h);
      c11 = clamp4(c11, l, h);
      c20 = clamp4(c20, l, h);
      c21 = clamp4(c21, l, h);
      c30 = clamp4(c30, l, h);
      c31 = clamp4(c31, l, h);
    }
    v128.store(c, c00);
    v128.store(c, c01, 16);
    v128.store(c + ldcBytes, c10);
    v128.store(c + ldcBytes, c11, 16);
    v128.store(c + 2 * ldcBytes, c20);
    v128.store(c + 2 * ldcBytes, c21, 16);
    v128.store(c + 3 * ldcBytes, c30);
    v128.store(c + 3 * ldcBytes, c31, 16);
    if (act == 2) {
      // GELU on the stored tile, four vectors at a time (see gelu4x4).
      const r1 = c + ldcBytes;
      const r2 = r1 + ldcBytes;
      const r3 = r2 + ldcBytes;
      gelu4x4(c, c + 16, r1, r1 + 16, c, c + 16, r1, r1 + 16);
      gelu4x4(r2, r2 + 16, r3, r3 + 16, r2, r2 + 16, r3, r3 + 16);
    }
    return;
  }
  // Edge tile: spill the accumulators and finish element by element.
  v128.store(spill, c00);
  v128.store(spill, c01, 16);
  v128.store(spill, c10, 32);
  v128.store(spill, c11, 48);
  v128.store(spill, c20, 64);
  v128.store(spill, c21, 80);
  v128.store(spill, c30, 96);
  v128.store(spill, c31, 112);
  for (let r = 0; r < mr; r++) {
    const row = c + <usize>r * ldcBytes;
    for (let j = 0; j < nr; j++) {
      const at = spill + (<usize>(r * 8 + j) << 2);
      let v = load<f32>(at);
      if (loadC) v += load<f32>(row + (<usize>j << 2));
      if (biasKind == 1) v += load<f32>(bias + (<usize>r << 2));
      else if (biasKind == 2) v += load<f32>(bias + (<usize>j << 2));
      store<f32>(at, v);
    }
  }
  activateSpill(spill, 8, act, lo, hi);
  for (let r = 0; r < mr; r++) {
    const row = c + <usize>r * ldcBytes;
    for (let j = 0; j < nr; j++) store<f32>(row + (<usize>j << 2), load<f32>(spill + (<usize>(r * 8 + j) << 2)));
  }
}

/** GELU in place on `vectors` (a multiple of 4) consecutive vectors at p. */
function geluVectors(p: usize, vectors: i32): void {
  for (let i = 0; i < vectors; i += 4) {
    const q = p + (<usize>i << 4);
    gelu4x4(q, q + 16, q + 32, q + 48, q, q + 16, q + 32, q + 48);
  }
}

/** Applies the activation to `vectors` (a multiple of 4) spilled vectors. */
function activateSpill(spill: usize, vectors: i32, act: i32, lo: f32, hi: f32): void {
  if (act == 0) return;
  if (act == 2) {
    geluVectors(spill, vectors);
    return;
  }
  const l = f32x4.splat(lo);
  const h = f32x4.splat(hi);
  for (let i = 0; i < vectors; i++) {
    const p = spill + (<usize>i << 4);
    v128.store(p, clamp4(v128.load(p), l, h));
  }
}

/**
 * One row of C across 4 column panels (32 columns) over kc steps: 8 accumulators, one splat of
 * A and 8 loads of B per step. A single-row product (a matrix-vector product: an LSTM step at
 * batch 1, a classifier head) would use a quarter of the 4x8 tile.
 */
export function tile1x32(
  pa: usize,
  pb: usize,
  panelBytes: usize,
  kc: i32,
  c: usize,
  nr: i32,
  loadC: bool,
  bias: usize,
  biasKind: i32,
  act: i32,
  lo: f32,
  hi: f32,
  spill: usize,
): void {
  const full = nr == 32;
  let c0 = f32x4.splat(0);
  let c1 = c0;
  let c2 = c0;
  let c3 = c0;
  let c4 = c0;
  let c5 = c0;
  let c6 = c0;
  let c7 = c0;
  if (full && loadC) {
    c0 = v128.load(c);
    c1 = v128.load(c, 16);
    c2 = v128.load(c, 32);
    c3 = v128.load(c, 48);
    c4 = v128.load(c, 64);
    c5 = v128.load(c, 80);
    c6 = v128.load(c, 96);
    c7 = v128.load(c, 112);
  }
  const p1 = pb + panelBytes;
  const p2 = p1 + panelBytes;
  const p3 = p2 + panelBytes;
  for (let k = 0; k < kc; k++) {
    const a = v128.load32_splat(pa);
    const o = <usize>k << 5;
    c0 = madd(a, v128.load(pb + o), c0);
    c1 = madd(a, v128.load(pb + o, 16), c1);
    c2 = madd(a, v128.load(p1 + o), c2);
    c3 = madd(a, v128.load(p1 + o, 16), c3);
    c4 = madd(a, v128.load(p2 + o), c4);
    c5 = madd(a, v128.load(p2 + o, 16), c5);
    c6 = madd(a, v128.load(p3 + o), c6);
    c7 = madd(a, v128.load(p3 + o, 16), c7);
    pa += 16;
  }
  if (full) {
    if (biasKind == 1) {
      const s = v128.load32_splat(bias);
      c0 = f32x4.add(c0, s);
      c1 = f32x4.add(c1, s);
      c2 = f32x4.add(c2, s);
      c3 = f32x4.add(c3, s);
      c4 = f32x4.add(c4, s);
      c5 = f32x4.add(c5, s);
      c6 = f32x4.add(c6, s);
      c7 = f32x4.add(c7, s);
    } else if (biasKind == 2) {
      c0 = f32x4.add(c0, v128.load(bias));
      c1 = f32x4.add(c1, v128.load(bias, 16));
      c2 = f32x4.add(c2, v128.load(bias, 32));
      c3 = f32x4.add(c3, v128.load(bias, 48));
      c4 = f32x4.add(c4, v128.load(bias, 64));
      c5 = f32x4.add(c5, v128.load(bias, 80));
      c6 = f32x4.add(c6, v128.load(bias, 96));
      c7 = f32x4.add(c7, v128.load(bias, 112));
    }
    if (act == 1) {
      const l = f32x4.splat(lo);
      const h = f32x4.splat(hi);
      c0 = clamp4(c0, l, h);
      c1 = clamp4(c1, l, h);
      c2 = clamp4(c2, l, h);
      c3 = clamp4(c3, l, h);
      c4 = clamp4(c4, l, h);
      c5 = clamp4(c5, l, h);
      c6 = clamp4(c6, l, h);
      c7 = clamp4(c7, l, h);
    }
    v128.store(c, c0);
    v128.store(c, c1, 16);
    v128.store(c, c2, 32);
    v128.store(c, c3, 48);
    v128.store(c, c4, 64);
    v128.store(c, c5, 80);
    v128.store(c, c6, 96);
    v128.store(c, c7, 112);
    if (act == 2) geluVectors(c, 8);
    return;
  }
  v128.store(spill, c0);
  v128.store(spill, c1, 16);
  v128.store(spill, c2, 32);
  v128.store(spill, c3, 48);
  v128.store(spill, c4, 64);
  v128.store(spill, c5, 80);
  v128.store(spill, c6, 96);
  v128.store(spill, c7, 112);
  for (let j = 0; j < nr; j++) {
    let v = load<f32>(spill + (<usize>j << 2));
    if (loadC) v += load<f32>(c + (<usize>j << 2));
    if (biasKind == 1) v += load<f32>(bias);
    else if (biasKind == 2) v += load<f32>(bias + (<usize>j << 2));
    store<f32>(spill + (<usize>j << 2), v);
  }
  activateSpill(spill, 8, act, lo, hi);
  for (let j = 0; j < nr; j++) store<f32>(c + (<usize>j << 2), load<f32>(spill + (<usize>j << 2)));
}
