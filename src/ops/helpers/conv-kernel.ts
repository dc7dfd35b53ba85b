/**
 * Compute core of the convolutions: N-D im2col and its adjoint col2im, a tiled GEMM that
 * accumulates, and forward Conv / ConvTranspose on float32 or float64 arrays (float64 keeps
 * the integer convolutions exact). Loops are written out; nothing is allocated per element.
 */
import type { WindowGeometry } from './conv-pool.js';

export type FloatArray = Float32Array | Float64Array;

/** Geometry of a sliding window between an image (`inDims`) and a grid of positions (`outDims`). */
export type SlideGeometry = Pick<WindowGeometry, 'inDims' | 'outDims' | 'kernel' | 'strides' | 'dilations' | 'padsBegin'>;

function product(dims: readonly number[]): number {
  let p = 1;
  for (const d of dims) p *= d;
  return p;
}

/** Row-major strides of spatial dims. */
function spatialStrides(dims: readonly number[]): Int32Array {
  const s = new Int32Array(dims.length);
  let acc = 1;
  for (let i = dims.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= dims[i]!;
  }
  return s;
}

/**
 * Precomputed walk of a sliding window: for every kernel tap and grid position, where the
 * window reads the image. The innermost axis is described by a valid range per tap; the outer
 * axes by a table of row offsets (-1 where the row lies in the padding).
 */
interface SlidePlan {
  inSize: number;
  outSize: number;
  /** Taps per channel: prod(kernel). */
  K: number;
  /** Kernel size along the innermost axis. */
  KL: number;
  /** Grid positions along the innermost axis, and the number of such rows. */
  OL: number;
  outerCount: number;
  /** Image stride of one grid step along the innermost axis. */
  SL: number;
  /** [K / KL][outerCount]: image offset of the row, or -1 if it is outside the image. */
  outerOff: Int32Array;
  /** Per innermost tap: first and end grid index reading inside the image, and the image offset added. */
  lo: Int32Array;
  hi: Int32Array;
  kOff: Int32Array;
}

function slidePlan(g: SlideGeometry): SlidePlan {
  const nd = g.inDims.length;
  const last = nd - 1;
  const inSize = product(g.inDims);
  const outSize = product(g.outDims);
  const K = product(g.kernel);
  const KL = g.kernel[last]!;
  const OL = g.outDims[last]!;
  const IL = g.inDims[last]!;
  const SL = g.strides[last]!;
  const outerCount = OL > 0 ? outSize / OL : 0;
  const lo = new Int32Array(KL);
  const hi = new Int32Array(KL);
  const kOff = new Int32Array(KL);
  for (let k = 0; k < KL; k++) {
    const off = k * g.dilations[last]! - g.padsBegin[last]!;
    // Grid indices o with 0 <= o * SL + off < IL.
    let l = off >= 0 ? 0 : Math.ceil(-off / SL);
    let h = Math.floor((IL - 1 - off) / SL) + 1;
    if (l > OL) l = OL;
    if (h > OL) h = OL;
    if (h < l) h = l;
    lo[k] = l;
    hi[k] = h;
    kOff[k] = off;
  }
  const inStr = spatialStrides(g.inDims);
  const kOuterCount = K / KL;
  const outerOff = new Int32Array(kOuterCount * outerCount);
  const kIdx = new Int32Array(nd);
  const oIdx = new Int32Array(nd);
  for (let ko = 0; ko < kOuterCount; ko++) {
    oIdx.fill(0);
    for (let outer = 0; outer < outerCount; outer++) {
      let off = 0;
      for (let d = 0; d < last; d++) {
        const coord = oIdx[d]! * g.strides[d]! - g.padsBegin[d]! + kIdx[d]! * g.dilations[d]!;
        if (coord < 0 || coord >= g.inDims[d]!) {
          off = -1;
          break;
        }
        off += coord * inStr[d]!;
      }
      outerOff[ko * outerCount + outer] = off;
      for (let d = last - 1; d >= 0; d--) {
        if (++oIdx[d]! < g.outDims[d]!) break;
        oIdx[d] = 0;
      }
    }
    for (let d = last - 1; d >= 0; d--) {
      if (++kIdx[d]! < g.kernel[d]!) break;
      kIdx[d] = 0;
    }
  }
  return { inSize, outSize, K, KL, OL, outerCount, SL, outerOff, lo, hi, kOff };
}

/**
 * im2col, transposed, for the grid rows [r0, r1) (rows: all axes but the innermost):
 * colT[(p - r0 * OL) * rowStride + c * K + tap] = image value read by grid position p at that
 * tap of channel c (0 in the padding). colT must be zero-filled.
 */
function im2colT(img: FloatArray, imgOff: number, channels: number, pl: SlidePlan, colT: FloatArray, rowStride: number, r0: number, r1: number): void {
  const { inSize, K, KL, OL, outerCount, SL, outerOff, lo, hi, kOff } = pl;
  for (let c = 0; c < channels; c++) {
    const imgC = imgOff + c * inSize;
    for (let kk = 0; kk < K; kk++) {
      const row = c * K + kk;
      const kl = kk % KL;
      const oBase = ((kk - kl) / KL) * outerCount;
      const l = lo[kl]!;
      const h = hi[kl]!;
      const ko = kOff[kl]!;
      for (let outer = r0; outer < r1; outer++) {
        const off = outerOff[oBase + outer]!;
        if (off < 0) continue;
        let xi = imgC + off + l * SL + ko;
        let ci = ((outer - r0) * OL + l) * rowStride + row;
        for (let o = l; o < h; o++, xi += SL, ci += rowStride) colT[ci] = img[xi]!;
      }
    }
  }
}

/** col2im: img[c, position read by (row, p)] += col[row * outSize + p], for col [channels * K, outSize]. */
export function col2im(col: FloatArray, colOff: number, channels: number, g: SlideGeometry, img: FloatArray, imgOff: number): void {
  const pl = slidePlan(g);
  const { inSize, outSize, K, KL, OL, outerCount, SL, outerOff, lo, hi, kOff } = pl;
  for (let c = 0; c < channels; c++) {
    const imgC = imgOff + c * inSize;
    for (let kk = 0; kk < K; kk++) {
      const rowOff = colOff + (c * K + kk) * outSize;
      const kl = kk % KL;
      const oBase = ((kk - kl) / KL) * outerCount;
      const l = lo[kl]!;
      const h = hi[kl]!;
      const ko = kOff[kl]!;
      for (let outer = 0; outer < outerCount; outer++) {
        const off = outerOff[oBase + outer]!;
        if (off < 0) continue;
        let xi = imgC + off + l * SL + ko;
        const base = rowOff + outer * OL;
        for (let o = l; o < h; o++, xi += SL) img[xi] += col[base + o]!;
      }
    }
  }
}

/** Direct convolution of one channel: y[p] += sum over taps of w[tap] * image value read at p. */
function directAcc(img: FloatArray, imgOff: number, pl: SlidePlan, w: FloatArray, wOff: number, y: FloatArray, yOff: number): void {
  const { K, KL, OL, outerCount, SL, outerOff, lo, hi, kOff } = pl;
  for (let kk = 0; kk < K; kk++) {
    const wv = w[wOff + kk]!;
    if (wv === 0) continue;
    const kl = kk % KL;
    const oBase = ((kk - kl) / KL) * outerCount;
    const l = lo[kl]!;
    const h = hi[kl]!;
    const ko = kOff[kl]!;
    for (let outer = 0; outer < outerCount; outer++) {
      const off = outerOff[oBase + outer]!;
      if (off < 0) continue;
      const xb = imgOff + off + ko;
      const base = yOff + outer * OL;
      if (SL === 1) for (let o = l; o < h; o++) y[base + o] += wv * img[xb + o]!;
      else for (let o = l, xi = xb + l * SL; o < h; o++, xi += SL) y[base + o] += wv * img[xi]!;
    }
  }
}

/** Transposes a [rows x cols] block at `off` into out [cols x rows]. */
function transposeInto(src: FloatArray, off: number, rows: number, cols: number, out: FloatArray): void {
  for (let r = 0; r < rows; r++) {
    const s = off + r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = src[s + c]!;
  }
}

const JTILE = 32;
/** Elements of the im2col buffer built at once (16 MiB of float32). */
const COL_BUDGET = 1 << 22;

/**
 * c[M x P] += a[M x K] * bt[P x K]^T (all row-major; rows of c are `ldc` apart): dot products over
 * contiguous K, in register blocks of 4 rows x 2 columns, tiled over P so a tile of bt stays in cache.
 */
export function gemmNT(M: number, K: number, P: number, a: FloatArray, aOff: number, bt: FloatArray, btOff: number, c: FloatArray, cOff: number, ldc = P): void {
  for (let j0 = 0; j0 < P; j0 += JTILE) {
    const j1 = j0 + JTILE < P ? j0 + JTILE : P;
    let m = 0;
    for (; m + 4 <= M; m += 4) {
      const a0 = aOff + m * K;
      const a1 = a0 + K;
      const a2 = a1 + K;
      const a3 = a2 + K;
      const c0 = cOff + m * ldc;
      let j = j0;
      for (; j + 2 <= j1; j += 2) {
        const b0 = btOff + j * K;
        const b1 = b0 + K;
        let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
        for (let k = 0; k < K; k++) {
          const u = bt[b0 + k]!;
          const v = bt[b1 + k]!;
          const x0 = a[a0 + k]!;
          const x1 = a[a1 + k]!;
          const x2 = a[a2 + k]!;
          const x3 = a[a3 + k]!;
          s00 += x0 * u;
          s01 += x0 * v;
          s10 += x1 * u;
          s11 += x1 * v;
          s20 += x2 * u;
          s21 += x2 * v;
          s30 += x3 * u;
          s31 += x3 * v;
        }
        const o = c0 + j;
        c[o] += s00;
        c[o + 1] += s01;
        c[o + ldc] += s10;
        c[o + ldc + 1] += s11;
        c[o + 2 * ldc] += s20;
        c[o + 2 * ldc + 1] += s21;
        c[o + 3 * ldc] += s30;
        c[o + 3 * ldc + 1] += s31;
      }
      for (; j < j1; j++) {
        const b0 = btOff + j * K;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let k = 0; k < K; k++) {
          const u = bt[b0 + k]!;
          s0 += a[a0 + k]! * u;
          s1 += a[a1 + k]! * u;
          s2 += a[a2 + k]! * u;
          s3 += a[a3 + k]! * u;
        }
        const o = c0 + j;
        c[o] += s0;
        c[o + ldc] += s1;
        c[o + 2 * ldc] += s2;
        c[o + 3 * ldc] += s3;
      }
    }
    for (; m < M; m++) {
      const a0 = aOff + m * K;
      const c0 = cOff + m * ldc;
      for (let j = j0; j < j1; j++) {
        const b0 = btOff + j * K;
        let s = 0;
        for (let k = 0; k < K; k++) s += a[a0 + k]! * bt[b0 + k]!;
        c[c0 + j] += s;
      }
    }
  }
}

/** A new array of the same kind as `like`. */
export function sameKind(like: FloatArray, n: number): FloatArray {
  return like instanceof Float64Array ? new Float64Array(n) : new Float32Array(n);
}

/**
 * Forward convolution: x [N, C, in...], w [M, C/group, k...], optional bias [M]; writes y
 * [N, M, out...] (which must be zero-filled). Depthwise convolutions (C/group = 1) run a direct
 * loop; the others build the transposed im2col matrix (x itself, transposed, for a pointwise
 * convolution) and multiply it with W_g in a GEMM.
 */
export function convForward(
  x: FloatArray,
  xDims: readonly number[],
  w: FloatArray,
  M: number,
  group: number,
  g: WindowGeometry,
  bias: ArrayLike<number> | undefined,
  y: FloatArray,
): void {
  const N = xDims[0]!;
  const C = xDims[1]!;
  const Cg = C / group;
  const Mg = M / group;
  const inSize = product(g.inDims);
  const outSize = product(g.outDims);
  const K = product(g.kernel);
  const CK = Cg * K;
  const pointwise =
    K === 1 &&
    g.strides.every((s) => s === 1) &&
    g.padsBegin.every((p) => p === 0) &&
    g.inDims.every((d, i) => d === g.outDims[i]);
  const pl = slidePlan(g);
  const direct = Cg === 1 && !pointwise;
  // The im2col matrix is built for a chunk of grid rows at a time, bounding its memory.
  const rowLen = pl.OL * CK;
  const chunk = Math.max(1, Math.min(pl.outerCount, Math.floor(COL_BUDGET / Math.max(1, rowLen))));
  const colT = direct ? undefined : sameKind(x, pointwise ? CK * outSize : chunk * rowLen);
  for (let n = 0; n < N; n++) {
    for (let gi = 0; gi < group; gi++) {
      const xOff = (n * C + gi * Cg) * inSize;
      const yOff = (n * M + gi * Mg) * outSize;
      const wOff = gi * Mg * CK;
      if (direct) {
        for (let m = 0; m < Mg; m++) directAcc(x, xOff, pl, w, wOff + m * K, y, yOff + m * outSize);
        continue;
      }
      if (pointwise) {
        transposeInto(x, xOff, Cg, inSize, colT!);
        gemmNT(Mg, CK, outSize, w, wOff, colT!, 0, y, yOff);
        continue;
      }
      for (let r0 = 0; r0 < pl.outerCount; r0 += chunk) {
        const r1 = Math.min(pl.outerCount, r0 + chunk);
        colT!.fill(0, 0, (r1 - r0) * rowLen);
        im2colT(x, xOff, Cg, pl, colT!, CK, r0, r1);
        gemmNT(Mg, CK, (r1 - r0) * pl.OL, w, wOff, colT!, 0, y, yOff + r0 * pl.OL, outSize);
      }
    }
    if (bias) {
      for (let m = 0; m < M; m++) {
        const b = bias[m]!;
        if (b === 0) continue;
        const o = (n * M + m) * outSize;
        for (let j = 0; j < outSize; j++) y[o + j] += b;
      }
    }
  }
}

/**
 * Transposed convolution: x [N, C, in...], w [C, M/group, k...]; writes y [N, M, out...]
 * (zero-filled). Per image and group: col = W_g^T x_g (GEMM), then col2im scatters it into
 * the output with the window geometry taken from the output's point of view.
 */
export function convTransposeForward(
  x: FloatArray,
  xDims: readonly number[],
  w: FloatArray,
  M: number,
  group: number,
  g: SlideGeometry,
  bias: ArrayLike<number> | undefined,
  y: FloatArray,
): void {
  // In `g`, inDims are the output's spatial dims (the image) and outDims the input's (the grid).
  const N = xDims[0]!;
  const C = xDims[1]!;
  const Cg = C / group;
  const Mg = M / group;
  const gridSize = product(g.outDims);
  const imgSize = product(g.inDims);
  const K = product(g.kernel);
  const R = Mg * K;
  const wt = sameKind(w, R * Cg);
  const xt = sameKind(x, gridSize * Cg);
  const col = sameKind(x, R * gridSize);
  for (let gi = 0; gi < group; gi++) {
    // W_g is [Cg, R]; transpose it once to [R, Cg] for the GEMM.
    transposeInto(w, gi * Cg * R, Cg, R, wt);
    for (let n = 0; n < N; n++) {
      col.fill(0);
      transposeInto(x, (n * C + gi * Cg) * gridSize, Cg, gridSize, xt);
      gemmNT(R, Cg, gridSize, wt, 0, xt, 0, col, 0);
      col2im(col, 0, Mg, g, y, (n * M + gi * Mg) * imgSize);
    }
  }
  if (bias) {
    for (let n = 0; n < N; n++) {
      for (let m = 0; m < M; m++) {
        const b = bias[m]!;
        if (b === 0) continue;
        const o = (n * M + m) * imgSize;
        for (let j = 0; j < imgSize; j++) y[o + j] += b;
      }
    }
  }
}
