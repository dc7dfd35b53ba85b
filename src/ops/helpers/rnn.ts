/**
 * The recurrent layers RNN, GRU and LSTM: shared inference and one reference engine. Gate
 * pre-activations of all time steps (X·W^T + biases) are computed up front; each step then adds
 * H_{t-1}·R^T with tight loops over contiguous rows. State is kept in float64 and rounded once
 * into the output type.
 */
import { Tensor } from '../../ir/tensor.js';
import { tensorType, typeString, type Dim, type ValueType } from '../../ir/types.js';
import type { AttrReader } from '../attr-reader.js';
import type { FlopsContext, InferContext, KernelContext } from '../types.js';
import { encodeFloats, toFloat64, toInts } from './convert.js';
import { dimMerge } from './dims.js';

export type RnnKind = 'rnn' | 'gru' | 'lstm';

const GATES: Record<RnnKind, number> = { rnn: 1, gru: 3, lstm: 4 };
const ACT_COUNT: Record<RnnKind, number> = { rnn: 1, gru: 2, lstm: 3 };
const DEFAULT_ACTS: Record<RnnKind, readonly string[]> = { rnn: ['Tanh'], gru: ['Sigmoid', 'Tanh'], lstm: ['Sigmoid', 'Tanh', 'Tanh'] };

function directionsOf(attr: AttrReader, fail: (m: string) => never): number {
  const d = attr.string('direction');
  // GRU-1's schema spells its default "foward".
  if (d === 'forward' || d === 'reverse' || d === 'foward') return 1;
  if (d === 'bidirectional') return 2;
  return fail(`direction should be forward, reverse or bidirectional, got "${d}"`);
}

// ---- inference ------------------------------------------------------------------------

function conflict(a: Dim, b: Dim): boolean {
  return typeof a === 'number' && typeof b === 'number' && a !== b;
}

/** Outputs Y, Y_h (and Y_c for LSTM) from the shapes of X, W and R and the attributes. */
export function inferRnn(kind: RnnKind) {
  return function infer(ctx: InferContext): (ValueType | undefined)[] {
    const gates = GATES[kind];
    const x = ctx.input(0);
    const elemType = x.elemType || ctx.input(1).elemType;
    for (let i = 1; i < 8; i++) {
      if (i === 4 || !ctx.has(i)) continue;
      const t = ctx.input(i);
      if (t.type && t.type.kind !== 'tensor') ctx.fail(`input ${i} should be a tensor, got ${typeString(t.type)}`);
      if (elemType && t.elemType && t.elemType !== elemType) ctx.fail(`input ${i} is ${typeString(t.type)} but X is ${typeString(x.type)}`);
    }
    const dirs = directionsOf(ctx.attr, (m) => ctx.fail(m));
    const layout = ctx.attr.optInt('layout') ?? 0;
    if (layout !== 0 && layout !== 1) ctx.fail(`layout should be 0 or 1, got ${layout}`);
    if (x.shape && x.shape.length !== 3) ctx.fail(`X should have rank 3, got ${x.shape.length}`);
    const seq: Dim = x.shape ? x.shape[layout === 0 ? 0 : 1]! : null;
    const batch: Dim = x.shape ? x.shape[layout === 0 ? 1 : 0]! : null;
    const input: Dim = x.shape ? x.shape[2]! : null;
    const w = ctx.input(1).shape;
    const r = ctx.input(2).shape;
    if (w && w.length !== 3) ctx.fail(`W should have rank 3, got ${w.length}`);
    if (r && r.length !== 3) ctx.fail(`R should have rank 3, got ${r.length}`);
    let hidden: Dim = ctx.attr.optInt('hidden_size') ?? null;
    if (r) hidden = dimMerge(hidden, r[2]!);
    if (w && typeof w[1] === 'number' && hidden === null) hidden = w[1] / gates;
    const check = (what: string, got: Dim, want: Dim) => {
      if (conflict(got, want)) ctx.fail(`${what} is ${got}, expected ${want}`);
    };
    if (w) {
      check('W dim 0 (directions)', w[0]!, dirs);
      if (typeof hidden === 'number') check('W dim 1', w[1]!, gates * hidden);
      check('W dim 2 (input size)', w[2]!, input);
    }
    if (r) {
      check('R dim 0 (directions)', r[0]!, dirs);
      if (typeof hidden === 'number') check('R dim 1', r[1]!, gates * hidden);
    }
    const b = ctx.input(3).shape;
    if (b && typeof hidden === 'number') check('B dim 1', b[1]!, 2 * gates * hidden);
    const y: Dim[] = layout === 0 ? [seq, dirs, batch, hidden] : [batch, seq, dirs, hidden];
    const state: Dim[] = layout === 0 ? [dirs, batch, hidden] : [batch, dirs, hidden];
    const out: (ValueType | undefined)[] = [tensorType(elemType, y), tensorType(elemType, state)];
    if (kind === 'lstm') out.push(tensorType(elemType, state));
    return out.slice(0, ctx.outputCount);
  };
}

/** 2 · seq · batch · directions · gates · hidden · (input + hidden) (docs/flops.md). */
export function rnnFlops(kind: RnnKind) {
  return function flops(ctx: FlopsContext): number | undefined {
    const x = ctx.inputShape(0);
    const r = ctx.inputShape(2);
    if (!x || !r || x.length !== 3 || r.length !== 3) return undefined;
    const layout = ctx.attr.optInt('layout') ?? 0;
    const seq = x[layout === 0 ? 0 : 1]!;
    const batch = x[layout === 0 ? 1 : 0]!;
    const hidden = r[2]!;
    return 2 * seq * batch * r[0]! * GATES[kind] * hidden * (x[2]! + hidden);
  };
}

// ---- activations ----------------------------------------------------------------------

const enum ActKind {
  Relu,
  Tanh,
  Sigmoid,
  Affine,
  LeakyRelu,
  ThresholdedRelu,
  ScaledTanh,
  HardSigmoid,
  Elu,
  Softsign,
  Softplus,
}

interface Act {
  kind: ActKind;
  alpha: number;
  beta: number;
}

/** name -> kind, and the defaults of alpha/beta (undefined: the function takes none). */
const ACTS: Record<string, [ActKind, number | undefined, number | undefined]> = {
  relu: [ActKind.Relu, undefined, undefined],
  tanh: [ActKind.Tanh, undefined, undefined],
  sigmoid: [ActKind.Sigmoid, undefined, undefined],
  affine: [ActKind.Affine, 1, 0],
  leakyrelu: [ActKind.LeakyRelu, 0.01, undefined],
  thresholdedrelu: [ActKind.ThresholdedRelu, 1, undefined],
  scaledtanh: [ActKind.ScaledTanh, 1, 1],
  hardsigmoid: [ActKind.HardSigmoid, 0.2, 0.5],
  elu: [ActKind.Elu, 1, undefined],
  softsign: [ActKind.Softsign, undefined, undefined],
  softplus: [ActKind.Softplus, undefined, undefined],
};

/**
 * The activations of each direction. `activations` lists count (or count per direction) names;
 * activation_alpha/beta are consumed in order by the functions that take them.
 */
function activationsOf(ctx: KernelContext, kind: RnnKind, dirs: number): Act[][] {
  const count = ACT_COUNT[kind];
  let names = ctx.attr.optStrings('activations') ?? [];
  if (names.length === 0) names = DEFAULT_ACTS[kind].slice();
  if (names.length === count && dirs === 2) names = [...names, ...names];
  if (names.length < count * dirs) ctx.fail(`activations lists ${names.length} functions, expected ${count * dirs}`);
  const alphas = ctx.attr.optFloats('activation_alpha') ?? [];
  const betas = ctx.attr.optFloats('activation_beta') ?? [];
  let ai = 0;
  let bi = 0;
  const acts = names.slice(0, count * dirs).map((name): Act => {
    const spec = ACTS[name.toLowerCase()];
    if (!spec) ctx.fail(`unknown activation "${name}"`);
    const [k, da, db] = spec;
    const alpha = da === undefined ? 0 : ai < alphas.length ? alphas[ai++]! : da;
    const beta = db === undefined ? 0 : bi < betas.length ? betas[bi++]! : db;
    return { kind: k, alpha, beta };
  });
  return Array.from({ length: dirs }, (_, d) => acts.slice(d * count, (d + 1) * count));
}

/** Applies `a` to buf[off .. off+n) in place, clipping the input to [-clip, clip] first when clip > 0. */
function activate(a: Act, buf: Float64Array, off: number, n: number, clip: number): void {
  const end = off + n;
  if (clip > 0) {
    for (let i = off; i < end; i++) {
      const v = buf[i]!;
      buf[i] = v > clip ? clip : v < -clip ? -clip : v;
    }
  }
  const { alpha, beta } = a;
  switch (a.kind) {
    case ActKind.Relu:
      for (let i = off; i < end; i++) if (buf[i]! < 0) buf[i] = 0;
      return;
    case ActKind.Tanh:
      for (let i = off; i < end; i++) buf[i] = Math.tanh(buf[i]!);
      return;
    case ActKind.Sigmoid:
      for (let i = off; i < end; i++) {
        const v = buf[i]!;
        if (v >= 0) buf[i] = 1 / (1 + Math.exp(-v));
        else {
          const e = Math.exp(v);
          buf[i] = e / (1 + e);
        }
      }
      return;
    case ActKind.Affine:
      for (let i = off; i < end; i++) buf[i] = alpha * buf[i]! + beta;
      return;
    case ActKind.LeakyRelu:
      for (let i = off; i < end; i++) if (buf[i]! < 0) buf[i] = alpha * buf[i]!;
      return;
    case ActKind.ThresholdedRelu:
      for (let i = off; i < end; i++) if (buf[i]! < alpha) buf[i] = 0;
      return;
    case ActKind.ScaledTanh:
      for (let i = off; i < end; i++) buf[i] = alpha * Math.tanh(beta * buf[i]!);
      return;
    case ActKind.HardSigmoid:
      for (let i = off; i < end; i++) buf[i] = Math.min(1, Math.max(0, alpha * buf[i]! + beta));
      return;
    case ActKind.Elu:
      for (let i = off; i < end; i++) if (buf[i]! < 0) buf[i] = alpha * (Math.exp(buf[i]!) - 1);
      return;
    case ActKind.Softsign:
      for (let i = off; i < end; i++) buf[i] = buf[i]! / (1 + Math.abs(buf[i]!));
      return;
    case ActKind.Softplus:
      for (let i = off; i < end; i++) {
        const v = buf[i]!;
        buf[i] = v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
      }
      return;
  }
}

// ---- kernel ---------------------------------------------------------------------------

/** out[outOff + r] += a[aOff ..] · m[mOff + r*cols ..] for r in [0, rows): a row vector times M^T (4 accumulators). */
function addVecMatT(a: Float64Array, aOff: number, m: Float64Array, mOff: number, rows: number, cols: number, out: Float64Array, outOff: number): void {
  const c4 = cols & ~3;
  for (let r = 0; r < rows; r++) {
    const base = mOff + r * cols;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let k = 0;
    for (; k < c4; k += 4) {
      s0 += a[aOff + k]! * m[base + k]!;
      s1 += a[aOff + k + 1]! * m[base + k + 1]!;
      s2 += a[aOff + k + 2]! * m[base + k + 2]!;
      s3 += a[aOff + k + 3]! * m[base + k + 3]!;
    }
    for (; k < cols; k++) s0 += a[aOff + k]! * m[base + k]!;
    out[outOff + r] += s0 + s1 + s2 + s3;
  }
}

/** Runs an RNN, GRU or LSTM node. */
export function rnnKernel(kind: RnnKind) {
  return function kernel(ctx: KernelContext) {
    const gates = GATES[kind];
    const X = ctx.input(0);
    const W = ctx.input(1);
    const R = ctx.input(2);
    const dtype = X.dtype;
    for (const [i, t] of [W, R].entries()) if (t.dtype !== dtype) ctx.fail(`${i === 0 ? 'W' : 'R'} has another element type than X`);
    const dirs = directionsOf(ctx.attr, (m) => ctx.fail(m));
    const reverse = ctx.attr.string('direction') === 'reverse';
    const layout = ctx.attr.optInt('layout') ?? 0;
    if (X.rank !== 3) ctx.fail(`X should have rank 3, got [${X.dims.join(',')}]`);
    const seq = X.dims[layout === 0 ? 0 : 1]!;
    const batch = X.dims[layout === 0 ? 1 : 0]!;
    const input = X.dims[2]!;
    if (R.rank !== 3) ctx.fail(`R should have rank 3, got [${R.dims.join(',')}]`);
    const H = ctx.attr.optInt('hidden_size') ?? R.dims[2]!;
    const GH = gates * H;
    const want = (name: string, t: Tensor, dims: readonly number[]) => {
      if (t.rank !== dims.length || t.dims.some((d, i) => d !== dims[i])) ctx.fail(`${name} has shape [${t.dims.join(',')}], expected [${dims.join(',')}]`);
      if (t.dtype !== dtype) ctx.fail(`${name} has another element type than X`);
    };
    want('W', W, [dirs, GH, input]);
    want('R', R, [dirs, GH, H]);
    const Bt = ctx.optionalInput(3);
    if (Bt) want('B', Bt, [dirs, 2 * GH]);
    const lensT = ctx.optionalInput(4);
    const stateDims = layout === 0 ? [dirs, batch, H] : [batch, dirs, H];
    const h0T = ctx.optionalInput(5);
    if (h0T) want('initial_h', h0T, stateDims);
    const c0T = kind === 'lstm' ? ctx.optionalInput(6) : undefined;
    if (c0T) want('initial_c', c0T, stateDims);
    const PT = kind === 'lstm' ? ctx.optionalInput(7) : undefined;
    if (PT) want('P', PT, [dirs, 3 * H]);
    const clip = ctx.attr.optFloat('clip') ?? 0;
    const inputForget = kind === 'lstm' && ctx.attr.int('input_forget') !== 0;
    const lbr = kind === 'gru' && (ctx.attr.optInt('linear_before_reset') ?? 0) !== 0;
    const acts = activationsOf(ctx, kind, dirs);

    const lens = new Int32Array(batch).fill(seq);
    if (lensT) {
      if (lensT.rank !== 1 || lensT.dims[0] !== batch) ctx.fail(`sequence_lens has shape [${lensT.dims.join(',')}], expected [${batch}]`);
      const l = toInts(lensT);
      for (let b = 0; b < batch; b++) {
        if (l[b]! < 0 || l[b]! > seq) ctx.fail(`sequence_lens[${b}] = ${l[b]} is outside [0, ${seq}]`);
        lens[b] = l[b]!;
      }
    }
    // Everything in float64, so that the inner loops see one array type.
    const x = toFloat64(X);
    const w = toFloat64(W);
    const r = toFloat64(R);
    const bias = Bt ? toFloat64(Bt) : undefined;
    const h0 = h0T ? toFloat64(h0T) : undefined;
    const c0 = c0T ? toFloat64(c0T) : undefined;
    const p = PT ? toFloat64(PT) : undefined;

    const wantY = ctx.outputNeeded(0);
    const y = wantY ? new Float64Array(seq * dirs * batch * H) : undefined;
    const yh = new Float64Array(dirs * batch * H);
    const yc = kind === 'lstm' ? new Float64Array(dirs * batch * H) : undefined;
    // Offsets of the (t, b) row of X, of the (d, b) row of a state and of the (t, d, b) row of Y.
    const xOff = (t: number, b: number) => (layout === 0 ? t * batch + b : b * seq + t) * input;
    const sOff = (d: number, b: number) => (layout === 0 ? d * batch + b : b * dirs + d) * H;
    const yOff = (t: number, d: number, b: number) => (layout === 0 ? (t * dirs + d) * batch + b : (b * seq + t) * dirs + d) * H;

    const xw = new Float64Array(seq * batch * GH);
    const hPrev = new Float64Array(batch * H);
    const cPrev = new Float64Array(kind === 'lstm' ? batch * H : 0);
    const g = new Float64Array(GH);
    const rh = new Float64Array(lbr ? H : kind === 'gru' ? H : 0);
    for (let d = 0; d < dirs; d++) {
      const back = dirs === 2 ? d === 1 : reverse;
      const [f1, f2, f3] = acts[d]!;
      const wOff = d * GH * input;
      const rOff = d * GH * H;
      const bOff = d * 2 * GH;
      // X·W^T plus the biases that sit outside any gate product.
      for (let t = 0; t < seq; t++) {
        for (let b = 0; b < batch; b++) {
          const o = (t * batch + b) * GH;
          if (bias) {
            for (let k = 0; k < GH; k++) {
              const rb = lbr && k >= 2 * H ? 0 : bias[bOff + GH + k]!;
              xw[o + k] = bias[bOff + k]! + rb;
            }
          } else xw.fill(0, o, o + GH);
          addVecMatT(x, xOff(t, b), w, wOff, GH, input, xw, o);
        }
      }
      for (let b = 0; b < batch; b++) {
        for (let k = 0; k < H; k++) {
          hPrev[b * H + k] = h0 ? h0[sOff(d, b) + k]! : 0;
          if (kind === 'lstm') cPrev[b * H + k] = c0 ? c0[sOff(d, b) + k]! : 0;
        }
      }
      for (let b = 0; b < batch; b++) {
        const len = lens[b]!;
        const hb = b * H;
        for (let s = 0; s < len; s++) {
          const t = back ? len - 1 - s : s;
          const o = (t * batch + b) * GH;
          for (let k = 0; k < GH; k++) g[k] = xw[o + k]!;
          if (kind === 'rnn') {
            addVecMatT(hPrev, hb, r, rOff, H, H, g, 0);
            activate(f1!, g, 0, H, clip);
            for (let k = 0; k < H; k++) hPrev[hb + k] = g[k]!;
          } else if (kind === 'gru') {
            // Rows z and r of R first; the h rows need r.
            addVecMatT(hPrev, hb, r, rOff, 2 * H, H, g, 0);
            activate(f1!, g, 0, 2 * H, clip);
            if (lbr) {
              rh.fill(0);
              addVecMatT(hPrev, hb, r, rOff + 2 * H * H, H, H, rh, 0);
              for (let k = 0; k < H; k++) {
                const rbh = bias ? bias[bOff + GH + 2 * H + k]! : 0;
                g[2 * H + k] += g[H + k]! * (rh[k]! + rbh);
              }
            } else {
              for (let k = 0; k < H; k++) rh[k] = g[H + k]! * hPrev[hb + k]!;
              addVecMatT(rh, 0, r, rOff + 2 * H * H, H, H, g, 2 * H);
            }
            activate(f2!, g, 2 * H, H, clip);
            for (let k = 0; k < H; k++) {
              const z = g[k]!;
              hPrev[hb + k] = (1 - z) * g[2 * H + k]! + z * hPrev[hb + k]!;
            }
          } else {
            addVecMatT(hPrev, hb, r, rOff, GH, H, g, 0);
            // Gate order i, o, f, c; peepholes i, o, f.
            if (p) {
              const pOff = d * 3 * H;
              for (let k = 0; k < H; k++) {
                g[k] += p[pOff + k]! * cPrev[hb + k]!;
                g[2 * H + k] += p[pOff + 2 * H + k]! * cPrev[hb + k]!;
              }
            }
            activate(f1!, g, 0, H, clip);
            if (inputForget) for (let k = 0; k < H; k++) g[2 * H + k] = 1 - g[k]!;
            else activate(f1!, g, 2 * H, H, clip);
            activate(f2!, g, 3 * H, H, clip);
            for (let k = 0; k < H; k++) cPrev[hb + k] = g[2 * H + k]! * cPrev[hb + k]! + g[k]! * g[3 * H + k]!;
            if (p) {
              const pOff = d * 3 * H + H;
              for (let k = 0; k < H; k++) g[H + k] += p[pOff + k]! * cPrev[hb + k]!;
            }
            activate(f1!, g, H, H, clip);
            for (let k = 0; k < H; k++) g[3 * H + k] = cPrev[hb + k]!;
            activate(f3!, g, 3 * H, H, 0);
            for (let k = 0; k < H; k++) hPrev[hb + k] = g[H + k]! * g[3 * H + k]!;
          }
          if (y) {
            const yo = yOff(t, d, b);
            for (let k = 0; k < H; k++) y[yo + k] = hPrev[hb + k]!;
          }
        }
        const so = sOff(d, b);
        for (let k = 0; k < H; k++) {
          yh[so + k] = hPrev[hb + k]!;
          if (yc) yc[so + k] = cPrev[hb + k]!;
        }
      }
    }
    const yDims = layout === 0 ? [seq, dirs, batch, H] : [batch, seq, dirs, H];
    const out: (Tensor | undefined)[] = [
      y ? Tensor.fromData(dtype, yDims, encodeFloats(dtype, y)) : undefined,
      Tensor.fromData(dtype, stateDims, encodeFloats(dtype, yh)),
    ];
    if (yc) out.push(Tensor.fromData(dtype, stateDims, encodeFloats(dtype, yc)));
    return out.slice(0, ctx.outputCount);
  };
}
