// Small SIMD helpers shared by the kernels (AssemblyScript).

/** a*b + c: one fused instruction in the relaxed build, mul then add (exact IEEE) otherwise. */
// @ts-ignore: decorator
@inline
export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/**
 * Clamps every lane to [lo, hi] (bounds that are not NaN; NaN stays NaN). pmax/pmin are one
 * instruction each on x86, where max/min take seven for their NaN and signed-zero rules.
 */
// @ts-ignore: decorator
@inline
export function clamp4(x: v128, lo: v128, hi: v128): v128 {
  return f32x4.pmin(f32x4.pmax(x, lo), hi);
}

/** Scalar clamp with the same NaN behaviour as clamp4. */
// @ts-ignore: decorator
@inline
export function clamp1(x: f32, lo: f32, hi: f32): f32 {
  return min<f32>(max<f32>(x, lo), hi);
}

/**
 * Stores the first `count` (1..4) lanes of v at p. Tails of arrays are computed on a whole
 * vector loaded past the end (the heap keeps a guard after its last block) and stored this way.
 */
// @ts-ignore: decorator
@inline
export function storeLanes(p: usize, v: v128, count: i32): void {
  if (count >= 4) {
    v128.store(p, v);
    return;
  }
  store<f32>(p, f32x4.extract_lane(v, 0));
  if (count > 1) store<f32>(p, f32x4.extract_lane(v, 1), 4);
  if (count > 2) store<f32>(p, f32x4.extract_lane(v, 2), 8);
}

/** Sum of the 4 lanes. */
// @ts-ignore: decorator
@inline
export function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

/** Max of the 4 lanes (NaN if any lane is NaN). */
// @ts-ignore: decorator
@inline
export function hmax(v: v128): f32 {
  const m = f32x4.max(v, v128.shuffle<f32>(v, v, 2, 3, 0, 1));
  return max<f32>(f32x4.extract_lane(m, 0), f32x4.extract_lane(m, 1));
}
