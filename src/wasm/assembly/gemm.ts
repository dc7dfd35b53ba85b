// Packed single-precision GEMM: C = A·B (+ bias, clamp), with A in 4-row panels and B in
// 8-column panels, blocked by KC along k. A and B are either packed once ahead (constant
// weights, `gemm_pack_a` / `gemm_pack_b`) or packed per block into the thread's scratch,
// B possibly straight from an image (im2col for Conv). See src/runtime/wasm/gemm-params.ts
// for the parameter block this reads.
import { madd, clamp4 } from './simd';
import { gelu4 } from './math4';
import { packAPanels, packBPanels } from './gemm-pack';
import { packBIm2col } from './im2col';

/** k per block: a 4x8 tile then reads 4 KiB of A and 8 KiB of B, which stay in L1. */
export const KC: i32 = 256;
/** Rows of A packed at once (L2-sized block). */
export const MC: i32 = 64;
/** Columns of B packed at once (L2-sized block). */
export const NC: i32 = 256;

// Parameter block slots (32-bit each); mirrored in src/runtime/wasm/gemm-params.ts.
const P_A = 0;
const P_LDA = 1;
const P_B = 2;
const P_LDB = 3;
const P_C = 4;
const P_LDC = 5;
const P_M = 6;
const P_N = 7;
const P_K = 8;
const P_FLAGS = 9;
const P_BIAS = 10;
const P_BIAS_KIND = 11;
const P_ACT = 12;
const P_LO = 13;
const P_HI = 14;
const P_B1 = 15;
const P_B2 = 16;
const P_SA1 = 17;
const P_SA2 = 18;
const P_SB1 = 19;
const P_SB2 = 20;
const P_SC1 = 21;
const P_SC2 = 22;
const P_SBIAS2 = 23;
const P_MCHUNKS = 24;
const P_NCHUNKS = 25;
const P_ALPHA = 26;
export const P_CONV = 27; // 13 slots of conv geometry follow (gemm-pack.ts)

const F_TRANS_A = 1;
const F_PACKED_A = 2;
const F_TRANS_B = 4;
const F_PACKED_B = 8;
const F_IM2COL_B = 16;
const F_ACCUMULATE = 32;

/** Bytes of scratch one thread needs: the tile spill, an A block and a B block. */
export const GEMM_SCRATCH_BYTES: i32 = 256 + MC * KC * 4 + KC * NC * 4;

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

/**
 * One 4x8 tile of C over kc steps: 8 accumulators, 2 loads of B and 4 splats of A per step.
 * mr/nr are the valid rows/columns; the packed operands are zero-padded past them.
 */
function tile(
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
    } else if (act == 2) {
      c00 = gelu4(c00);
      c01 = gelu4(c01);
      c10 = gelu4(c10);
      c11 = gelu4(c11);
      c20 = gelu4(c20);
      c21 = gelu4(c21);
      c30 = gelu4(c30);
      c31 = gelu4(c31);
    }
    v128.store(c, c00);
    v128.store(c, c01, 16);
    v128.store(c + ldcBytes, c10);
    v128.store(c + ldcBytes, c11, 16);
    v128.store(c + 2 * ldcBytes, c20);
    v128.store(c + 2 * ldcBytes, c21, 16);
    v128.store(c + 3 * ldcBytes, c30);
    v128.store(c + 3 * ldcBytes, c31, 16);
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

/** Applies the activation to `vectors` spilled vectors. */
function activateSpill(spill: usize, vectors: i32, act: i32, lo: f32, hi: f32): void {
  if (act == 0) return;
  const l = f32x4.splat(lo);
  const h = f32x4.splat(hi);
  for (let i = 0; i < vectors; i++) {
    const p = spill + (<usize>i << 4);
    v128.store(p, act == 1 ? clamp4(v128.load(p), l, h) : gelu4(v128.load(p)));
  }
}

/**
 * One row of C across 4 column panels (32 columns) over kc steps: 8 accumulators, one splat of
 * A and 8 loads of B per step. A single-row product (a matrix-vector product: an LSTM step at
 * batch 1, a classifier head) would use a quarter of the 4x8 tile.
 */
function tile1x32(
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
    } else if (act == 2) {
      c0 = gelu4(c0);
      c1 = gelu4(c1);
      c2 = gelu4(c2);
      c3 = gelu4(c3);
      c4 = gelu4(c4);
      c5 = gelu4(c5);
      c6 = gelu4(c6);
      c7 = gelu4(c7);
    }
    v128.store(c, c0);
    v128.store(c, c1, 16);
    v128.store(c, c2, 32);
    v128.store(c, c3, 48);
    v128.store(c, c4, 64);
    v128.store(c, c5, 80);
    v128.store(c, c6, 96);
    v128.store(c, c7, 112);
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

/**
 * C (rows of panels [mp0, mp1), columns of panels [np0, np1)) of one matrix product.
 * a, b, c, bias point at this product's operands (batch offsets applied).
 */
function gemmBlock(
  p: usize,
  a: usize,
  b: usize,
  c: usize,
  bias: usize,
  mp0: i32,
  mp1: i32,
  np0: i32,
  np1: i32,
  scratch: usize,
): void {
  const M = pi(p, P_M);
  const N = pi(p, P_N);
  const K = pi(p, P_K);
  const lda = pi(p, P_LDA);
  const ldb = pi(p, P_LDB);
  const ldc = pi(p, P_LDC);
  const flags = pi(p, P_FLAGS);
  const biasKind = pi(p, P_BIAS_KIND);
  const act = pi(p, P_ACT);
  const lo = pf(p, P_LO);
  const hi = pf(p, P_HI);
  const alpha = pf(p, P_ALPHA);
  const Mp = ((M + 3) >> 2) << 2;
  const Np = ((N + 7) >> 3) << 3;
  const spill = scratch;
  const sa = scratch + 256;
  const sb = sa + <usize>(MC * KC * 4);
  const ldcBytes = <usize>ldc << 2;
  const ncp = NC >> 3;
  const mcp = MC >> 2;
  for (let jp = np0; jp < np1; jp += ncp) {
    const jpEnd = min(jp + ncp, np1);
    for (let k0 = 0; k0 < K; k0 += KC) {
      const kc = min(KC, K - k0);
      const first = k0 == 0;
      const last = k0 + kc >= K;
      let bblk: usize;
      if (flags & F_PACKED_B) {
        bblk = b + (<usize>(k0 * Np + jp * 8 * kc) << 2);
      } else {
        if (flags & F_IM2COL_B) packBIm2col(p + (<usize>P_CONV << 2), b, N, k0, kc, jp, jpEnd, sb, spill + 128);
        else packBPanels(b, ldb, (flags & F_TRANS_B) != 0, K, N, k0, kc, jp, jpEnd, sb);
        bblk = sb;
      }
      const loadC = !first || (flags & F_ACCUMULATE) != 0;
      const bk = first ? biasKind : 0;
      const ak = last ? act : 0;
      for (let ip = mp0; ip < mp1; ip += mcp) {
        const ipEnd = min(ip + mcp, mp1);
        let ablk: usize;
        if (flags & F_PACKED_A) {
          ablk = a + (<usize>(k0 * Mp + ip * 4 * kc) << 2);
        } else {
          packAPanels(a, lda, (flags & F_TRANS_A) != 0, M, k0, kc, ip, ipEnd, sa, alpha);
          ablk = sa;
        }
        // One A panel (4 KiB) stays in L1 while B panels stream from L2; C is walked along
        // its rows, so power-of-two row strides do not thrash one cache set.
        for (let i = ip; i < ipEnd; i++) {
          const pa = ablk + (<usize>((i - ip) * 4 * kc) << 2);
          const row = i * 4;
          const mr = min(4, M - row);
          const crow = c + <usize>row * ldcBytes;
          let j = jp;
          if (mr == 1) {
            // A single row: 4 panels at a time.
            const panelBytes = <usize>(8 * kc) << 2;
            for (; j + 4 <= jpEnd; j += 4) {
              const pb = bblk + (<usize>((j - jp) * 8 * kc) << 2);
              const col = j * 8;
              const biasAt = bk == 1 ? bias + (<usize>row << 2) : bk == 2 ? bias + (<usize>col << 2) : 0;
              tile1x32(pa, pb, panelBytes, kc, crow + (<usize>col << 2), min(32, N - col), loadC, biasAt, bk, ak, lo, hi, spill);
            }
          }
          for (; j < jpEnd; j++) {
            const pb = bblk + (<usize>((j - jp) * 8 * kc) << 2);
            const col = j * 8;
            const biasAt = bk == 1 ? bias + (<usize>row << 2) : bk == 2 ? bias + (<usize>col << 2) : 0;
            tile(pa, pb, kc, crow + (<usize>col << 2), ldcBytes, mr, min(8, N - col), loadC, biasAt, bk, ak, lo, hi, spill);
          }
        }
      }
    }
  }
}

/**
 * Work units [begin, end) of the products described by the parameter block at p: unit u is
 * (batch i1, batch i2, chunk of row panels, chunk of column panels), chunks split evenly.
 */
export function gemm(p: usize, begin: i32, end: i32, scratch: usize): void {
  const M = pi(p, P_M);
  const N = pi(p, P_N);
  const mPanels = (M + 3) >> 2;
  const nPanels = (N + 7) >> 3;
  const b2 = pi(p, P_B2);
  const mch = pi(p, P_MCHUNKS);
  const nch = pi(p, P_NCHUNKS);
  const a = <usize>pi(p, P_A);
  const b = <usize>pi(p, P_B);
  const c = <usize>pi(p, P_C);
  const bias = <usize>pi(p, P_BIAS);
  const sa1 = pi(p, P_SA1);
  const sa2 = pi(p, P_SA2);
  const sb1 = pi(p, P_SB1);
  const sb2 = pi(p, P_SB2);
  const sc1 = pi(p, P_SC1);
  const sc2 = pi(p, P_SC2);
  const sbias2 = pi(p, P_SBIAS2);
  for (let u = begin; u < end; u++) {
    let r = u;
    const nc = r % nch;
    r /= nch;
    const mc = r % mch;
    r /= mch;
    const i2 = r % b2;
    const i1 = r / b2;
    const mp0 = <i32>((<i64>mc * mPanels) / mch);
    const mp1 = <i32>((<i64>(mc + 1) * mPanels) / mch);
    const np0 = <i32>((<i64>nc * nPanels) / nch);
    const np1 = <i32>((<i64>(nc + 1) * nPanels) / nch);
    if (mp0 >= mp1 || np0 >= np1) continue;
    gemmBlock(
      p,
      a + (<usize>(i1 * sa1 + i2 * sa2) << 2),
      b + (<usize>(i1 * sb1 + i2 * sb2) << 2),
      c + (<usize>(i1 * sc1 + i2 * sc2) << 2),
      bias + (<usize>(i2 * sbias2) << 2),
      mp0,
      mp1,
      np0,
      np1,
      scratch,
    );
  }
}

/** Packs all of A (M x K, row-major or transposed, times alpha) into the layout `gemm` reads with F_PACKED_A. */
export function gemm_pack_a(src: usize, lda: i32, trans: i32, M: i32, K: i32, dst: usize, alpha: f32): void {
  const Mp = ((M + 3) >> 2) << 2;
  const panels = Mp >> 2;
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = min(KC, K - k0);
    packAPanels(src, lda, trans != 0, M, k0, kc, 0, panels, dst + (<usize>(k0 * Mp) << 2), alpha);
  }
}

/** Packs all of B (K x N, row-major or transposed) into the layout `gemm` reads with F_PACKED_B. */
export function gemm_pack_b(src: usize, ldb: i32, trans: i32, K: i32, N: i32, dst: usize): void {
  const Np = ((N + 7) >> 3) << 3;
  const panels = Np >> 3;
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = min(KC, K - k0);
    packBPanels(src, ldb, trans != 0, K, N, k0, kc, 0, panels, dst + (<usize>(k0 * Np) << 2));
  }
}

/** Floats of packed A for an M x K matrix. */
export function gemm_packed_a_size(M: i32, K: i32): i32 {
  return (((M + 3) >> 2) << 2) * K;
}

/** Floats of packed B for a K x N matrix. */
export function gemm_packed_b_size(K: i32, N: i32): i32 {
  return (((N + 7) >> 3) << 3) * K;
}

export function gemm_scratch_bytes(): i32 {
  return GEMM_SCRATCH_BYTES;
}
