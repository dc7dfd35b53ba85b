// Winograd convolution F(n x n, 3x3), n = 2 or 4 (stride 1, dilation 1, one group): each n x n
// block of outputs (a tile) is computed from an a x a block (a = n + 2) of the padded input d
// as Y = A^T [ U ⊙ (B^T d B) ] A, with U = G g G^T the transformed 3x3 filters (prepared once:
// one packed GEMM A operand per element ξ of the a x a transform). Per block of tiles:
//   1. input transform: V[ξ] (C x tiles) = B^T d B of every channel, 4 tiles per vector,
//      written as GEMM B panels of 8 tiles (winograd-f2.ts, winograd-f4.ts);
//   2. a*a products Mξ (M x tiles) = U[ξ] (M x C) · V[ξ], on the 4x8 register tile;
//   3. output transform Y = A^T m A with bias, residual and clamp applied as it is stored.
// A block's V and M stay in the thread's region (L2-sized), so only the image, the weights
// and the output travel through memory.
import { tile } from './gemm-tiles';
import { KC } from './gemm';
import { inputTransform2, outputTransform2 } from './winograd-f2';
import { inputTransform4, outputTransform4, outputTransform4T } from './winograd-f4';
import { pi, pf } from './params';

// Parameter block slots (mirrored in src/runtime/wasm/winograd-call.ts).
const S_X = 0;
const S_U = 1;
const S_Y = 2;
const S_BIAS = 3;
const S_RES = 4;
const S_C = 5;
const S_M = 6;
const S_HP = 7;
const S_WP = 8;
const S_OH = 9;
const S_OW = 10;
const S_TW = 11;
const S_TILES = 12;
const S_N = 13;
const S_TB = 14;
const S_BLOCKS = 15;
const S_MCHUNKS = 16;
const S_UNITS = 17;
const S_ACT = 18;
const S_LO = 19;
const S_HI = 20;
const S_REGIONS = 21;
const S_REGION_BYTES = 22;
const S_U_STRIDE = 23;
const S_TILE = 24;
const S_TRANSPOSED = 25;

/** Bytes at the start of a thread's region for the tile spill and the transforms' temporaries; V and M follow. */
const TEMP_BYTES: usize = 4096;
/** Where the transposed output transform stages its 36 x 4 vectors, in the temporaries. */
const STAGE: usize = 1024;

/**
 * Bytes from one element's matrix (rows x panels*8 floats) to the next: one cache line more
 * than the matrix, so that the transforms, which touch the same position of every element in
 * turn, do not hit one L1 set (matrices of 4 KiB would).
 */
// @ts-ignore: decorator
@inline
function elementStride(rows: i32, columns: i32): usize {
  return (<usize>(rows * columns) << 2) + 64;
}

/** Mξ rows [4 mp0, 4 mp1) (ld = panels*8) = U[ξ] · V[ξ] for the `elements` elements. */
function products(u: usize, uStride: usize, elements: i32, C: i32, M: i32, v: usize, vStride: usize, panels: i32, m: usize, mStride: usize, mp0: i32, mp1: i32, spill: usize): void {
  const Mp = ((M + 3) >> 2) << 2;
  const ldBytes = <usize>(panels * 8) << 2;
  for (let e = 0; e < elements; e++) {
    const ue = u + <usize>e * uStride;
    const ve = v + <usize>e * vStride;
    const me = m + <usize>e * mStride;
    for (let k0 = 0; k0 < C; k0 += KC) {
      const kc = min(KC, C - k0);
      const first = k0 == 0;
      for (let i = mp0; i < mp1; i++) {
        const pa = ue + (<usize>(k0 * Mp + i * 4 * kc) << 2);
        const row = i * 4;
        const mr = min(4, M - row);
        const crow = me + <usize>row * ldBytes;
        for (let j = 0; j < panels; j++) {
          const pb = ve + (<usize>(j * 8 * C + k0 * 8) << 2);
          tile(pa, pb, kc, crow + (<usize>j << 5), ldBytes, mr, 8, !first, 0, 0, 0, 0, 0, spill);
        }
      }
    }
  }
}

/**
 * The transposed products (few tiles): Mξ (tiles x ldm) columns [8 np0, 8 np1) = V[ξ]^T · U[ξ]^T,
 * V[ξ] in A panels of 4 tiles (tilePanels of C x 4), U[ξ]^T packed as GEMM B (C x M).
 */
function productsT(u: usize, uStride: usize, C: i32, M: i32, v: usize, vStride: usize, tilePanels: i32, m: usize, mStride: usize, ldm: i32, np0: i32, np1: i32, spill: usize): void {
  const Np = ((M + 7) >> 3) << 3;
  const ldBytes = <usize>ldm << 2;
  for (let e = 0; e < 36; e++) {
    const ue = u + <usize>e * uStride;
    const ve = v + <usize>e * vStride;
    const me = m + <usize>e * mStride;
    for (let k0 = 0; k0 < C; k0 += KC) {
      const kc = min(KC, C - k0);
      const first = k0 == 0;
      for (let j = np0; j < np1; j++) {
        const pb = ue + (<usize>(k0 * Np + j * 8 * kc) << 2);
        const col = j * 8;
        const nr = min(8, M - col);
        for (let i = 0; i < tilePanels; i++) {
          const pa = ve + (<usize>(i * 4 * C + k0 * 4) << 2);
          tile(pa, pb, kc, me + <usize>(i * 4) * ldBytes + (<usize>col << 2), ldBytes, 4, nr, !first, 0, 0, 0, 0, 0, spill);
        }
      }
    }
  }
}

/** Bytes of one thread's region for F(n x n, 3x3): temporaries, V (a² x C x tb) and M (a² x M x tb), each a² matrices apart by elementStride. */
export function winograd_region_bytes(n: i32, C: i32, M: i32, tb: i32): i32 {
  const a = n + 2;
  return <i32>TEMP_BYTES + <i32>(a * a) * <i32>(elementStride(C, tb) + elementStride(M, tb));
}

/**
 * Work units [begin, end): unit u (one per thread) takes an even share of the items
 * (image, block of tiles, chunk of output channels) and works in region u of the scratch.
 */
export function winograd(p: usize, begin: i32, end: i32, scratch: usize): void {
  const x = <usize>pi(p, S_X);
  const u = <usize>pi(p, S_U);
  const y = <usize>pi(p, S_Y);
  const bias = <usize>pi(p, S_BIAS);
  const res = <usize>pi(p, S_RES);
  const C = pi(p, S_C);
  const M = pi(p, S_M);
  const Hp = pi(p, S_HP);
  const Wp = pi(p, S_WP);
  const OH = pi(p, S_OH);
  const OW = pi(p, S_OW);
  const TW = pi(p, S_TW);
  const tiles = pi(p, S_TILES);
  const N = pi(p, S_N);
  const tb = pi(p, S_TB);
  const blocks = pi(p, S_BLOCKS);
  const mch = pi(p, S_MCHUNKS);
  const units = pi(p, S_UNITS);
  const act = pi(p, S_ACT);
  const lo = pf(p, S_LO);
  const hi = pf(p, S_HI);
  const regions = <usize>pi(p, S_REGIONS);
  const regionBytes = <usize>pi(p, S_REGION_BYTES);
  const uStride = <usize>pi(p, S_U_STRIDE) << 2;
  const n4 = pi(p, S_TILE) == 4;
  const transposed = pi(p, S_TRANSPOSED) != 0;
  const elements = n4 ? 36 : 16;
  // Output channels are split in panels of the products: A rows (4), or B columns (8) transposed.
  const mPanels = transposed ? (M + 7) >> 3 : (M + 3) >> 2;
  const ldm = ((M + 7) >> 3) << 3;
  const items = N * blocks * mch;
  const xImage = <usize>(C * Hp * Wp) << 2;
  const yImage = <usize>(M * OH * OW) << 2;
  for (let unit = begin; unit < end; unit++) {
    const region = regions + <usize>unit * regionBytes;
    const temp = region;
    const v = region + TEMP_BYTES;
    const i0 = <i32>((<i64>unit * items) / units);
    const i1 = <i32>((<i64>(unit + 1) * items) / units);
    let transformed = -1;
    for (let it = i0; it < i1; it++) {
      const mc = it % mch;
      const blk = it / mch;
      const n = blk / blocks;
      const t0 = (blk - n * blocks) * tb;
      const count = min(tb, tiles - t0);
      // Tiles in panels of 8 (B columns), or 4 (A rows) transposed.
      const columns = transposed ? (count + 3) & ~3 : (count + 7) & ~7;
      const vStride = elementStride(C, columns);
      const mStride = transposed ? elementStride(columns, ldm) : elementStride(M, columns);
      const m = v + <usize>elements * vStride;
      if (blk != transformed) {
        const xn = x + <usize>n * xImage;
        if (n4) inputTransform4(xn, C, Hp, Wp, TW, t0, count, columns, transposed ? 4 : 8, v, vStride, temp);
        else inputTransform2(xn, C, Hp, Wp, TW, t0, count, columns >> 3, v, vStride);
        transformed = blk;
      }
      const mp0 = <i32>((<i64>mc * mPanels) / mch);
      const mp1 = <i32>((<i64>(mc + 1) * mPanels) / mch);
      if (mp0 >= mp1) continue;
      const yn = y + <usize>n * yImage;
      const rn = res != 0 ? res + <usize>n * yImage : 0;
      if (transposed) {
        productsT(u, uStride, C, M, v, vStride, columns >> 2, m, mStride, ldm, mp0, mp1, temp);
        outputTransform4T(m, mStride, ldm, mp0 * 8, min(mp1 * 8, M), t0, count, TW, OH, OW, yn, rn, bias, act, lo, hi, temp, temp + STAGE);
        continue;
      }
      const panels = columns >> 3;
      products(u, uStride, elements, C, M, v, vStride, panels, m, mStride, mp0, mp1, temp);
      const row1 = min(mp1 * 4, M);
      if (n4) outputTransform4(m, mStride, columns, mp0 * 4, row1, t0, count, TW, OH, OW, yn, rn, bias, act, lo, hi, temp);
      else outputTransform2(m, mStride, panels, mp0 * 4, row1, t0, count, TW, OH, OW, yn, rn, bias, act, lo, hi, temp);
    }
  }
}
