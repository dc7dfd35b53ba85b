// The elementwise part of an LSTM step, after the gate pre-activations G = X·W^T + H·R^T + B
// of one time step are in place (gate order i, o, f, c): one work unit per batch row.
import { storeLanes } from './simd';
import { sigmoid4, tanh4 } from './math4';

// @ts-ignore: decorator
@inline
function pi(p: usize, slot: i32): i32 {
  return load<i32>(p + (<usize>slot << 2));
}

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
