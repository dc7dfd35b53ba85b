// Packed single-precision GEMM: C = A·B (+ bias, clamp), with A in 4-row panels and B in
// 8-column panels, blocked by KC along k. A and B are either packed once ahead (constant
// weights, `gemm_pack_a` / `gemm_pack_b`) or packed per block into the thread's scratch,
// B possibly straight from an image (im2col for Conv). See src/runtime/wasm/gemm-params.ts
// for the parameter block this reads.
import { tile, tile1x32 } from './gemm-tiles';
import { packAPanels, packBPanels } from './gemm-pack';
import { packBIm2col } from './im2col';
import { pi, pf } from './params';

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
