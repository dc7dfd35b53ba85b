// Elementwise kernels on float32: unary activations/math and binary arithmetic with the
// broadcast patterns models use (same shape, a row vector, a per-row value, a scalar).
// Parameter blocks are described in src/runtime/wasm/params.ts.
import { storeLanes } from './simd';
import { exp4, expm14, sigmoid4, tanh4, erf4, gelu4, gelu4x4, geluTanh4 } from './math4';
import { pi, pf } from './params';

// Unary op codes (mirrored in src/runtime/wasm/params.ts).
const U_RELU = 0;
const U_SIGMOID = 1;
const U_TANH = 2;
const U_EXP = 3;
const U_ERF = 4;
const U_GELU = 5;
const U_GELU_TANH = 6;
const U_NEG = 7;
const U_ABS = 8;
const U_SQRT = 9;
const U_RECIPROCAL = 10;
const U_CLIP = 11;
const U_LEAKY_RELU = 12;
const U_HARD_SIGMOID = 13;
const U_HARD_SWISH = 14;
const U_ELU = 15;
const U_SQUARE = 16;
const U_SILU = 17;
const U_AFFINE = 18;
const U_COPY = 19;

// @ts-ignore: decorator
@inline
function unaryOp(op: i32, x: v128, a: v128, b: v128): v128 {
  if (op == U_RELU) return f32x4.max(x, f32x4.splat(0));
  if (op == U_SIGMOID) return sigmoid4(x);
  if (op == U_TANH) return tanh4(x);
  if (op == U_EXP) return exp4(x);
  if (op == U_ERF) return erf4(x);
  if (op == U_GELU) return gelu4(x);
  if (op == U_GELU_TANH) return geluTanh4(x);
  if (op == U_NEG) return f32x4.neg(x);
  if (op == U_ABS) return f32x4.abs(x);
  if (op == U_SQRT) return f32x4.sqrt(x);
  if (op == U_RECIPROCAL) return f32x4.div(f32x4.splat(1), x);
  if (op == U_CLIP) return f32x4.min(f32x4.max(x, a), b);
  if (op == U_LEAKY_RELU) return v128.bitselect(f32x4.mul(x, a), x, f32x4.lt(x, f32x4.splat(0)));
  if (op == U_HARD_SIGMOID) return f32x4.max(f32x4.splat(0), f32x4.min(f32x4.splat(1), f32x4.add(f32x4.mul(x, a), b)));
  if (op == U_HARD_SWISH) {
    const h = f32x4.max(f32x4.splat(0), f32x4.min(f32x4.splat(1), f32x4.add(f32x4.mul(x, f32x4.splat(1.0 / 6.0)), f32x4.splat(0.5))));
    return f32x4.mul(x, h);
  }
  if (op == U_ELU) {
    const e = f32x4.mul(a, expm14(x));
    return v128.bitselect(e, x, f32x4.lt(x, f32x4.splat(0)));
  }
  if (op == U_SQUARE) return f32x4.mul(x, x);
  if (op == U_SILU) return f32x4.mul(x, sigmoid4(x));
  if (op == U_AFFINE) return f32x4.add(f32x4.mul(x, a), b);
  return x;
}

// @ts-ignore: decorator
@inline
function unaryLoop(op: i32, x: usize, y: usize, n: i32, a: v128, b: v128): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(y + o, unaryOp(op, v128.load(x + o), a, b));
  }
  if (i < n) {
    const o = <usize>i << 2;
    storeLanes(y + o, unaryOp(op, v128.load(x + o), a, b), n - i);
  }
}

/** Unary op on elements [begin*chunk, end*chunk) of x into y (slots: op, x, y, n, f0, f1, chunk). */
export function unary(p: usize, begin: i32, end: i32, scratch: usize): void {
  const op = pi(p, 0);
  const chunk = pi(p, 6);
  const n = pi(p, 3);
  const s = begin * chunk;
  const e = min(n, end * chunk);
  if (e <= s) return;
  const x = <usize>pi(p, 1) + (<usize>s << 2);
  const y = <usize>pi(p, 2) + (<usize>s << 2);
  const m = e - s;
  const a = f32x4.splat(pf(p, 4));
  const b = f32x4.splat(pf(p, 5));
  switch (op) {
    case U_RELU: unaryLoop(U_RELU, x, y, m, a, b); break;
    case U_SIGMOID: unaryLoop(U_SIGMOID, x, y, m, a, b); break;
    case U_TANH: unaryLoop(U_TANH, x, y, m, a, b); break;
    case U_EXP: unaryLoop(U_EXP, x, y, m, a, b); break;
    case U_ERF: unaryLoop(U_ERF, x, y, m, a, b); break;
    case U_GELU: {
      let i = 0;
      for (; i + 16 <= m; i += 16) {
        const xi = x + (<usize>i << 2);
        const yi = y + (<usize>i << 2);
        gelu4x4(xi, xi + 16, xi + 32, xi + 48, yi, yi + 16, yi + 32, yi + 48);
      }
      unaryLoop(U_GELU, x + (<usize>i << 2), y + (<usize>i << 2), m - i, a, b);
      break;
    }
    case U_GELU_TANH: unaryLoop(U_GELU_TANH, x, y, m, a, b); break;
    case U_NEG: unaryLoop(U_NEG, x, y, m, a, b); break;
    case U_ABS: unaryLoop(U_ABS, x, y, m, a, b); break;
    case U_SQRT: unaryLoop(U_SQRT, x, y, m, a, b); break;
    case U_RECIPROCAL: unaryLoop(U_RECIPROCAL, x, y, m, a, b); break;
    case U_CLIP: unaryLoop(U_CLIP, x, y, m, a, b); break;
    case U_LEAKY_RELU: unaryLoop(U_LEAKY_RELU, x, y, m, a, b); break;
    case U_HARD_SIGMOID: unaryLoop(U_HARD_SIGMOID, x, y, m, a, b); break;
    case U_HARD_SWISH: unaryLoop(U_HARD_SWISH, x, y, m, a, b); break;
    case U_ELU: unaryLoop(U_ELU, x, y, m, a, b); break;
    case U_SQUARE: unaryLoop(U_SQUARE, x, y, m, a, b); break;
    case U_SILU: unaryLoop(U_SILU, x, y, m, a, b); break;
    case U_AFFINE: unaryLoop(U_AFFINE, x, y, m, a, b); break;
    default: memory.copy(y, x, <usize>m << 2);
  }
}

// Binary op codes.
const B_ADD = 0;
const B_SUB = 1;
const B_MUL = 2;
const B_DIV = 3;
const B_MAX = 4;
const B_MIN = 5;
const B_PRELU = 6;

// @ts-ignore: decorator
@inline
function binaryOp(op: i32, a: v128, b: v128): v128 {
  if (op == B_ADD) return f32x4.add(a, b);
  if (op == B_SUB) return f32x4.sub(a, b);
  if (op == B_MUL) return f32x4.mul(a, b);
  if (op == B_DIV) return f32x4.div(a, b);
  if (op == B_MAX) return f32x4.max(a, b);
  if (op == B_MIN) return f32x4.min(a, b);
  return v128.bitselect(f32x4.mul(a, b), a, f32x4.lt(a, f32x4.splat(0)));
}

/** y[0..n) = a op b where each side is a vector (advancing pointer) or a splat (kind: 0 vv, 1 vs, 2 sv). */
// @ts-ignore: decorator
@inline
function binaryRun(op: i32, kind: i32, a: usize, b: usize, y: usize, n: i32): void {
  const sa = kind == 2 ? v128.load32_splat(a) : f32x4.splat(0);
  const sb = kind == 1 ? v128.load32_splat(b) : f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const va = kind == 2 ? sa : v128.load(a + o);
    const vb = kind == 1 ? sb : v128.load(b + o);
    v128.store(y + o, binaryOp(op, va, vb));
  }
  if (i < n) {
    const o = <usize>i << 2;
    const va = kind == 2 ? sa : v128.load(a + o);
    const vb = kind == 1 ? sb : v128.load(b + o);
    storeLanes(y + o, binaryOp(op, va, vb), n - i);
  }
}

// @ts-ignore: decorator
@inline
function binaryDispatch(op: i32, kind: i32, a: usize, b: usize, y: usize, n: i32): void {
  switch (op) {
    case B_ADD: binaryRun(B_ADD, kind, a, b, y, n); break;
    case B_SUB: binaryRun(B_SUB, kind, a, b, y, n); break;
    case B_MUL: binaryRun(B_MUL, kind, a, b, y, n); break;
    case B_DIV: binaryRun(B_DIV, kind, a, b, y, n); break;
    case B_MAX: binaryRun(B_MAX, kind, a, b, y, n); break;
    case B_MIN: binaryRun(B_MIN, kind, a, b, y, n); break;
    default: binaryRun(B_PRELU, kind, a, b, y, n);
  }
}

/** Address of element (r, c) of an operand of the given broadcast mode (0 full, 1 row vector, 2 per row, 3 scalar). */
// @ts-ignore: decorator
@inline
function operandAt(base: usize, mode: i32, r: i32, c: i32, cols: i32): usize {
  if (mode == 0) return base + (<usize>(r * cols + c) << 2);
  if (mode == 1) return base + (<usize>c << 2);
  if (mode == 2) return base + (<usize>r << 2);
  return base;
}

/**
 * y = a op b over a rows x cols output, elements [begin*chunk, end*chunk) of it
 * (slots: op, a, b, y, rows, cols, aMode, bMode, chunk).
 */
export function binary(p: usize, begin: i32, end: i32, scratch: usize): void {
  const op = pi(p, 0);
  const a = <usize>pi(p, 1);
  const b = <usize>pi(p, 2);
  const y = <usize>pi(p, 3);
  const rows = pi(p, 4);
  const cols = pi(p, 5);
  const am = pi(p, 6);
  const bm = pi(p, 7);
  const chunk = pi(p, 8);
  const total = rows * cols;
  let i = begin * chunk;
  const e = min(total, end * chunk);
  const aSplat = am >= 2;
  const bSplat = bm >= 2;
  while (i < e) {
    const r = i / cols;
    const c = i - r * cols;
    // A run stays in one row unless neither side depends on the row.
    const rowBound = am == 1 || am == 2 || bm == 1 || bm == 2;
    const n = rowBound ? min(cols - c, e - i) : e - i;
    const pa = operandAt(a, am, r, c, cols);
    const pb = operandAt(b, bm, r, c, cols);
    const py = y + (<usize>i << 2);
    if (aSplat && bSplat) {
      // Both sides constant along the run: compute one vector and fill.
      const v = binaryOp(op, v128.load32_splat(pa), v128.load32_splat(pb));
      let k = 0;
      for (; k + 4 <= n; k += 4) v128.store(py + (<usize>k << 2), v);
      if (k < n) storeLanes(py + (<usize>k << 2), v, n - k);
    } else if (bSplat) binaryDispatch(op, 1, pa, pb, py, n);
    else if (aSplat) binaryDispatch(op, 2, pa, pb, py, n);
    else binaryDispatch(op, 0, pa, pb, py, n);
    i += n;
  }
}
