// The elementwise part of an LSTM step, after the gate pre-activations G = X·W^T + H·R^T + B
// of one time step are in place (gate order i, o, f, c): one work unit per batch row.
import { madd, storeLanes } from './simd';
import { sigmoid4, tanh4 } from './math4';
import { pi } from './params';

/**
 * c = f*c + i*tanh(g_c); h = o*tanh(c) for batch rows [begin, end) (slots: gates, gate row
 * stride, H, c state, h state, y (0: none), y row stride; strides in floats).
 */
export function lstm_cell(p: usize, begin: i32, end: i32, scratch: usize): void {
  const g = <usize>pi(p, 0);
  const ldg = pi(p, 1);
  const H = pi(p, 2);
  const cs = <usize>pi(p, 3);
  const hs = <usize>pi(p, 4);
  const y = <usize>pi(p, 5);
  const ldy = pi(p, 6);
  const hb = <usize>H << 2;
  for (let b = begin; b < end; b++) {
    const gr = g + (<usize>b * <usize>ldg << 2);
    const cr = cs + <usize>b * hb;
    const hr = hs + <usize>b * hb;
    const yr = y + (<usize>b * <usize>ldy << 2);
    for (let k = 0; k < H; k += 4) {
      const o = <usize>k << 2;
      const gi = sigmoid4(v128.load(gr + o));
      const go = sigmoid4(v128.load(gr + hb + o));
      const gf = sigmoid4(v128.load(gr + 2 * hb + o));
      const gc = tanh4(v128.load(gr + 3 * hb + o));
      const c = f32x4.add(f32x4.mul(gf, v128.load(cr + o)), f32x4.mul(gi, gc));
      const h = f32x4.mul(go, tanh4(c));
      const n = H - k;
      storeLanes(cr + o, c, n);
      storeLanes(hr + o, h, n);
      if (y) storeLanes(yr + o, h, n);
    }
  }
}

/**
 * One LSTM time step at batch 1, gates and cell together: with R^T stored group by group, each
 * group [H, 32] row-major with the i, o, f and c columns of 8 hidden units (one sequential
 * stream per group, which the prefetchers follow best), group g (units 8g..8g+7) is
 * xw[32g..] + h_in . R^T[:, 32g..] followed by the cell. Work units are groups; h_out is another
 * buffer than h_in since every group reads all of h_in. Slots: xw (this step's gate row, in
 * group order), R^T grouped as above, H, gate columns (4 * H rounded up to 8 units), h_in, h_out, c, y
 * (0: none).
 */
export function lstm_step(p: usize, begin: i32, end: i32, scratch: usize): void {
  lstmGroups(<usize>pi(p, 0), <usize>pi(p, 1), pi(p, 2), <usize>pi(p, 4), <usize>pi(p, 5), <usize>pi(p, 6), <usize>pi(p, 7), begin, end);
}

/**
 * All steps of one direction at batch 1 on the calling thread (lstm_step for every group of
 * every step, with no return to the host in between). Slots: gate rows of all steps (xw, in
 * group order), gate columns Np, R^T grouped as for lstm_step, H, h buffers A (holding h0) and
 * B, c, y of step 0 (0: none), floats from one step of y to the next, steps, reverse (1: from
 * the last step). The final h is in A after an even number of steps, else in B.
 */
export function lstm_seq(p: usize): void {
  const xw = <usize>pi(p, 0);
  const Np = pi(p, 1);
  const rp = <usize>pi(p, 2);
  const H = pi(p, 3);
  let hin = <usize>pi(p, 4);
  let hout = <usize>pi(p, 5);
  const cs = <usize>pi(p, 6);
  const y = <usize>pi(p, 7);
  const ys = pi(p, 8);
  const seq = pi(p, 9);
  const back = pi(p, 10) != 0;
  const groups = Np >> 5;
  for (let s = 0; s < seq; s++) {
    const t = back ? seq - 1 - s : s;
    lstmGroups(xw + (<usize>t * <usize>Np << 2), rp, H, hin, hout, cs, y ? y + (<usize>t * <usize>ys << 2) : 0, 0, groups);
    const h = hin;
    hin = hout;
    hout = h;
  }
}

/** Groups [begin, end) of one step (see lstm_step). */
function lstmGroups(xw: usize, rp: usize, H: i32, hin: usize, hout: usize, cs: usize, y: usize, begin: i32, end: i32): void {
  for (let g = begin; g < end; g++) {
    const col = <usize>(g * 32) << 2;
    let c0 = v128.load(xw + col);
    let c1 = v128.load(xw + col, 16);
    let c2 = v128.load(xw + col, 32);
    let c3 = v128.load(xw + col, 48);
    let c4 = v128.load(xw + col, 64);
    let c5 = v128.load(xw + col, 80);
    let c6 = v128.load(xw + col, 96);
    let c7 = v128.load(xw + col, 112);
    let pb = rp + (<usize>g * <usize>H << 7);
    let pa = hin;
    for (let k = 0; k < H; k++) {
      const a = v128.load32_splat(pa);
      c0 = madd(a, v128.load(pb), c0);
      c1 = madd(a, v128.load(pb, 16), c1);
      c2 = madd(a, v128.load(pb, 32), c2);
      c3 = madd(a, v128.load(pb, 48), c3);
      c4 = madd(a, v128.load(pb, 64), c4);
      c5 = madd(a, v128.load(pb, 80), c5);
      c6 = madd(a, v128.load(pb, 96), c6);
      c7 = madd(a, v128.load(pb, 112), c7);
      pa += 4;
      pb += 128;
    }
    const u = <usize>(g * 8) << 2;
    const n = H - g * 8;
    const cNew0 = f32x4.add(f32x4.mul(sigmoid4(c4), v128.load(cs + u)), f32x4.mul(sigmoid4(c0), tanh4(c6)));
    const cNew1 = f32x4.add(f32x4.mul(sigmoid4(c5), v128.load(cs + u, 16)), f32x4.mul(sigmoid4(c1), tanh4(c7)));
    const h0 = f32x4.mul(sigmoid4(c2), tanh4(cNew0));
    const h1 = f32x4.mul(sigmoid4(c3), tanh4(cNew1));
    storeLanes(cs + u, cNew0, n);
    storeLanes(hout + u, h0, n);
    if (y) storeLanes(y + u, h0, n);
    if (n > 4) {
      storeLanes(cs + u + 16, cNew1, n - 4);
      storeLanes(hout + u + 16, h1, n - 4);
      if (y) storeLanes(y + u + 16, h1, n - 4);
    }
  }
}
