// Packing of GEMM operands into the panel layouts the 4x8 tile reads:
// A panel i: kc steps of 4 rows (k-major); B panel j: kc steps of 8 columns. Rows and columns
// past the matrix are zeros, so the tile never branches on edges.

// @ts-ignore: decorator
@inline
function f32At(base: usize, index: i32): f32 {
  return load<f32>(base + (<usize>index << 2));
}

/** 4x4 transpose of rows r0..r3 into columns, stored at dst, dst+16, dst+32, dst+48. */
// @ts-ignore: decorator
@inline
function transpose4Store(r0: v128, r1: v128, r2: v128, r3: v128, dst: usize, stride: usize): void {
  const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
  const t2 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
  const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
  v128.store(dst + stride, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
  v128.store(dst + 2 * stride, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
  v128.store(dst + 3 * stride, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
}

/** Packs row panels [ip0, ip1) of A over k in [k0, k0+kc), times alpha. */
export function packAPanels(src: usize, lda: i32, trans: bool, M: i32, k0: i32, kc: i32, ip0: i32, ip1: i32, dst: usize, alpha: f32): void {
  const scale = alpha != 1;
  const va = f32x4.splat(alpha);
  for (let i = ip0; i < ip1; i++) {
    const d = dst + (<usize>((i - ip0) * 4 * kc) << 2);
    const row0 = i * 4;
    const rows = min(4, M - row0);
    if (trans) {
      // A(m, k) = src[k*lda + m]: 4 consecutive rows are contiguous.
      for (let k = 0; k < kc; k++) {
        const s = src + (<usize>((k0 + k) * lda + row0) << 2);
        if (rows == 4) {
          let v = v128.load(s);
          if (scale) v = f32x4.mul(v, va);
          v128.store(d + (<usize>k << 4), v);
        } else {
          for (let r = 0; r < 4; r++) store<f32>(d + (<usize>(k * 4 + r) << 2), r < rows ? f32At(s, r) * alpha : 0);
        }
      }
      continue;
    }
    if (rows == 4) {
      const s0 = src + (<usize>(row0 * lda + k0) << 2);
      const s1 = s0 + (<usize>lda << 2);
      const s2 = s1 + (<usize>lda << 2);
      const s3 = s2 + (<usize>lda << 2);
      let k = 0;
      for (; k + 4 <= kc; k += 4) {
        const o = <usize>k << 2;
        let r0 = v128.load(s0 + o);
        let r1 = v128.load(s1 + o);
        let r2 = v128.load(s2 + o);
        let r3 = v128.load(s3 + o);
        if (scale) {
          r0 = f32x4.mul(r0, va);
          r1 = f32x4.mul(r1, va);
          r2 = f32x4.mul(r2, va);
          r3 = f32x4.mul(r3, va);
        }
        transpose4Store(r0, r1, r2, r3, d + (<usize>k << 4), 16);
      }
      for (; k < kc; k++) {
        const dk = d + (<usize>k << 4);
        store<f32>(dk, f32At(s0, k) * alpha);
        store<f32>(dk, f32At(s1, k) * alpha, 4);
        store<f32>(dk, f32At(s2, k) * alpha, 8);
        store<f32>(dk, f32At(s3, k) * alpha, 12);
      }
    } else {
      for (let k = 0; k < kc; k++) {
        for (let r = 0; r < 4; r++) {
          const v: f32 = r < rows ? f32At(src, (row0 + r) * lda + k0 + k) * alpha : 0;
          store<f32>(d + (<usize>(k * 4 + r) << 2), v);
        }
      }
    }
  }
}

/** Packs column panels [jp0, jp1) of B over k in [k0, k0+kc). */
export function packBPanels(src: usize, ldb: i32, trans: bool, K: i32, N: i32, k0: i32, kc: i32, jp0: i32, jp1: i32, dst: usize): void {
  for (let j = jp0; j < jp1; j++) {
    const d = dst + (<usize>((j - jp0) * 8 * kc) << 2);
    const col0 = j * 8;
    const cols = min(8, N - col0);
    if (!trans) {
      // B(k, n) = src[k*ldb + n]: a panel row is 8 contiguous floats.
      const s = src + (<usize>(k0 * ldb + col0) << 2);
      const step = <usize>ldb << 2;
      if (cols == 8) {
        for (let k = 0; k < kc; k++) {
          const sk = s + <usize>k * step;
          v128.store(d + (<usize>k << 5), v128.load(sk));
          v128.store(d + (<usize>k << 5), v128.load(sk, 16), 16);
        }
      } else {
        for (let k = 0; k < kc; k++) {
          const sk = s + <usize>k * step;
          for (let t = 0; t < 8; t++) store<f32>(d + (<usize>(k * 8 + t) << 2), t < cols ? f32At(sk, t) : 0);
        }
      }
      continue;
    }
    // B(k, n) = src[n*ldb + k]: 8 source rows, transposed 4x4 at a time.
    if (cols == 8) {
      const s0 = src + (<usize>(col0 * ldb + k0) << 2);
      const step = <usize>ldb << 2;
      let k = 0;
      for (; k + 4 <= kc; k += 4) {
        const o = s0 + (<usize>k << 2);
        const dk = d + (<usize>k << 5);
        transpose4Store(v128.load(o), v128.load(o + step), v128.load(o + 2 * step), v128.load(o + 3 * step), dk, 32);
        const o4 = o + 4 * step;
        transpose4Store(v128.load(o4), v128.load(o4 + step), v128.load(o4 + 2 * step), v128.load(o4 + 3 * step), dk + 16, 32);
      }
      for (; k < kc; k++) {
        for (let t = 0; t < 8; t++) store<f32>(d + (<usize>(k * 8 + t) << 2), f32At(src, (col0 + t) * ldb + k0 + k));
      }
    } else {
      for (let k = 0; k < kc; k++) {
        for (let t = 0; t < 8; t++) store<f32>(d + (<usize>(k * 8 + t) << 2), t < cols ? f32At(src, (col0 + t) * ldb + k0 + k) : 0);
      }
    }
  }
}
