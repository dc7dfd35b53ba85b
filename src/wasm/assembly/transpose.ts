// Transpose of float32 data, after the JS side has merged dims that stay adjacent: either the
// innermost output dim is contiguous in the input (rows are copied), or an outer output dim p
// is, and each [dims[p], dims[last]] block is transposed 4x4 at a time.
import { pi } from './params';

// Slots: x, y, rank (<= 6), mode (0: rows, 1: blocks), p, dims[6] at 5, input strides[6] at 11.
/** Input offset and output offset (in floats) of unit u: an index over every dim but the skipped ones. */
// @ts-ignore: decorator
@inline
function offsets(p: usize, r: i32, u: i32, skipA: i32, skipB: i32, out: usize): i32 {
  // Output strides, innermost last.
  let rem = u;
  let inOff = 0;
  let outOff = 0;
  let os = 1;
  for (let d = r - 1; d >= 0; d--) {
    const n = pi(p, 5 + d);
    if (d != skipA && d != skipB) {
      const i = rem % n;
      rem /= n;
      inOff += i * pi(p, 11 + d);
      outOff += i * os;
    }
    os *= n;
  }
  store<i32>(out, outOff);
  return inOff;
}

export function transpose(p: usize, begin: i32, end: i32, scratch: usize): void {
  const x = <usize>pi(p, 0);
  const y = <usize>pi(p, 1);
  const r = pi(p, 2);
  const mode = pi(p, 3);
  const last = r - 1;
  const L = pi(p, 5 + last);
  if (mode == 0) {
    for (let u = begin; u < end; u++) {
      const inOff = offsets(p, r, u, last, -1, scratch);
      const outOff = load<i32>(scratch);
      memory.copy(y + (<usize>outOff << 2), x + (<usize>inOff << 2), <usize>L << 2);
    }
    return;
  }
  const pd = pi(p, 4);
  const A = pi(p, 5 + pd);
  const sB = pi(p, 11 + last);
  // Output stride of dim p.
  let oA = 1;
  for (let d = pd + 1; d < r; d++) oA *= pi(p, 5 + d);
  const B = L;
  for (let u = begin; u < end; u++) {
    const inOff = offsets(p, r, u, last, pd, scratch);
    const outOff = load<i32>(scratch);
    const xi = x + (<usize>inOff << 2);
    const yo = y + (<usize>outOff << 2);
    const sBb = <usize>sB << 2;
    const oAb = <usize>oA << 2;
    let a = 0;
    for (; a + 4 <= A; a += 4) {
      let b = 0;
      for (; b + 4 <= B; b += 4) {
        const s = xi + (<usize>a << 2) + <usize>b * sBb;
        const r0 = v128.load(s);
        const r1 = v128.load(s + sBb);
        const r2 = v128.load(s + 2 * sBb);
        const r3 = v128.load(s + 3 * sBb);
        const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
        const t1 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
        const t2 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
        const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
        const o = yo + <usize>a * oAb + (<usize>b << 2);
        v128.store(o, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
        v128.store(o + oAb, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
        v128.store(o + 2 * oAb, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
        v128.store(o + 3 * oAb, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
      }
      for (; b < B; b++) {
        for (let k = 0; k < 4; k++) store<f32>(yo + <usize>(a + k) * oAb + (<usize>b << 2), load<f32>(xi + (<usize>(a + k) << 2) + <usize>b * sBb));
      }
    }
    for (; a < A; a++) {
      for (let b = 0; b < B; b++) store<f32>(yo + <usize>a * oAb + (<usize>b << 2), load<f32>(xi + (<usize>a << 2) + <usize>b * sBb));
    }
  }
}
