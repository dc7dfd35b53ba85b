/**
 * LSTM (opset 7+) with constant weights and the default activations, no clip, no peepholes and
 * full-length sequences: the input projection of all time steps is one GEMM, then each step
 * accumulates H·R^T into that step's gates (a GEMM into the gate rows in place) and runs the
 * elementwise cell kernel, which writes the new state and Y. W^T and R^T are packed once.
 */
import { runGemm } from '../../runtime/wasm/gemm-call.js';
import { runLstmCell, runLstmSeq, runLstmStep } from '../../runtime/wasm/nn-calls.js';
import { GEMM_FLOPS_PER_MS, threadsFor } from '../../runtime/wasm/params.js';
import type { FastKernel, FastNodeInfo, FastOp, FastRunContext } from './types.js';
import { constFloats, floatInput, keepFloats, mayBeFloat, withTemp } from './util.js';

const DEFAULT = ['sigmoid', 'tanh', 'tanh'];

/** Column of gate `gate` (i, o, f, c) of hidden unit u in the grouped order: 8 units per group, gates side by side. */
function groupedColumn(gate: number, u: number): number {
  return (u >> 3) * 32 + gate * 8 + (u & 7);
}

/**
 * A gate matrix of one direction ([4H, K], rows in gate order) transposed to [K, 4*Hp] with
 * columns in the grouped order (columns of units past H are 0).
 */
function regroup(m: Float32Array, H: number, K: number): Float32Array {
  const Np = 4 * Math.ceil(H / 8) * 8;
  const out = new Float32Array(K * Np);
  for (let gate = 0; gate < 4; gate++) {
    for (let u = 0; u < H; u++) {
      const col = groupedColumn(gate, u);
      const row = (gate * H + u) * K;
      for (let k = 0; k < K; k++) out[k * Np + col] = m[row + k]!;
    }
  }
  return out;
}

interface BatchOne {
  px: number;
  ph0: number;
  pc0: number;
  y: number;
  yh: number;
  yc: number;
  seq: number;
  input: number;
  H: number;
  Hp: number;
  Np: number;
  dirs: number;
  reverse: boolean;
  grouped: { w: number[]; r: number[]; bias: number[] };
}

/** Batch 1: the input projection of all steps, then one lstm_step call per step (h double-buffered). */
function runBatchOne(ctx: FastRunContext, o: BatchOne): void {
  const e = ctx.engine;
  const { seq, H, Hp, Np, dirs } = o;
  const gates = ctx.scratch(seq * Np * 4);
  const hA = ctx.scratch(Hp * 4);
  const hB = ctx.scratch(Hp * 4);
  const cs = ctx.scratch(Hp * 4);
  for (let d = 0; d < dirs; d++) {
    const back = dirs === 2 ? d === 1 : o.reverse;
    runGemm(e, { a: o.px, lda: o.input, b: o.grouped.w[d]!, ldb: Np, bPacked: true, c: gates, ldc: Np, M: seq, N: Np, K: o.input, bias: o.grouped.bias[d]!, biasKind: 2 }, ctx.threads);
    // State rows of direction d (batch 1: the same offset for both layouts).
    const stateRow = d * H * 4;
    e.f32(hA, Hp).fill(0);
    e.f32(cs, Hp).fill(0);
    if (o.ph0) e.f32(hA, H).set(e.f32(o.ph0 + stateRow, H));
    if (o.pc0) e.f32(cs, H).set(e.f32(o.pc0 + stateRow, H));
    let hin = hA;
    let hout = hB;
    if (threadsFor((2 * H * Np) / GEMM_FLOPS_PER_MS, ctx.threads) === 1) {
      // One thread per step: all steps in one call.
      hin = runLstmSeq(e, gates, o.grouped.r[d]!, H, Np, hA, hB, cs, o.y ? o.y + d * H * 4 : 0, dirs * H, seq, back);
    } else for (let s = 0; s < seq; s++) {
      const t = back ? seq - 1 - s : s;
      runLstmStep(e, gates + t * Np * 4, o.grouped.r[d]!, H, Np, hin, hout, cs, o.y ? o.y + (t * dirs + d) * H * 4 : 0, ctx.threads);
      [hin, hout] = [hout, hin];
    }
    if (o.yh) e.f32(o.yh + stateRow, H).set(e.f32(hin, H));
    if (o.yc) e.f32(o.yc + stateRow, H).set(e.f32(cs, H));
  }
}

function createLstm(info: FastNodeInfo): FastKernel | undefined {
  if (info.opset < 7 || !mayBeFloat(info, [0, 1, 2, 3, 5, 6])) return undefined;
  const direction = info.attr.string('direction');
  const dirs = direction === 'bidirectional' ? 2 : direction === 'forward' || direction === 'reverse' ? 1 : 0;
  if (dirs === 0) return undefined;
  const acts = (info.attr.optStrings('activations') ?? []).map((a) => a.toLowerCase());
  if (acts.length > 0 && acts.join() !== DEFAULT.join() && acts.join() !== [...DEFAULT, ...DEFAULT].join()) return undefined;
  if (info.attr.optFloat('clip') !== undefined || info.attr.int('input_forget') !== 0) return undefined;
  if (info.node.inputs[7]) return undefined;
  const layout = info.attr.optInt('layout') ?? 0;
  const w = constFloats(info, 1);
  const r = constFloats(info, 2);
  const wt = info.constants[1];
  const rt = info.constants[2];
  if (!w || !r || !wt || !rt || wt.rank !== 3 || rt.rank !== 3) return undefined;
  const H = info.attr.optInt('hidden_size') ?? rt.dims[2]!;
  const G = 4 * H;
  const input = wt.dims[2]!;
  if (wt.dims[0] !== dirs || rt.dims[0] !== dirs || wt.dims[1] !== G || rt.dims[1] !== G || rt.dims[2] !== H || H === 0 || input === 0) return undefined;
  const bIn = info.node.inputs[3];
  const b = bIn ? constFloats(info, 3) : undefined;
  if (bIn && (!b || b.length !== dirs * 2 * G)) return undefined;
  const e = info.engine;
  // Batch > 1: W^T and R^T in gate order, packed on first use.
  let packed: { w: number[]; r: number[]; bias: number[] } | undefined;
  const packStandard = () => {
    const out = { w: [] as number[], r: [] as number[], bias: [] as number[] };
    for (let d = 0; d < dirs; d++) {
      const pw = info.keep(e.exports.gemm_packed_b_size(input, G) * 4);
      withTemp(e, w.subarray(d * G * input, (d + 1) * G * input), (src) => e.exports.gemm_pack_b(src, input, 1, input, G, pw));
      const pr = info.keep(e.exports.gemm_packed_b_size(H, G) * 4);
      withTemp(e, r.subarray(d * G * H, (d + 1) * G * H), (src) => e.exports.gemm_pack_b(src, H, 1, H, G, pr));
      const bias = new Float32Array(G);
      if (b) for (let k = 0; k < G; k++) bias[k] = b[d * 2 * G + k]! + b[d * 2 * G + G + k]!;
      out.w.push(pw);
      out.r.push(pr);
      out.bias.push(keepFloats(info, bias));
    }
    return out;
  };
  // Batch 1: gate columns regrouped so that one step is one kernel (lstm_step).
  const Hp = Math.ceil(H / 8) * 8;
  const Np = 4 * Hp;
  const grouped = { w: [] as number[], r: [] as number[], bias: [] as number[] };
  for (let d = 0; d < dirs; d++) {
    const gw = regroup(w.subarray(d * G * input, (d + 1) * G * input), H, input);
    const gr = regroup(r.subarray(d * G * H, (d + 1) * G * H), H, H);
    const pw = info.keep(e.exports.gemm_packed_b_size(input, Np) * 4);
    withTemp(e, gw, (src) => e.exports.gemm_pack_b(src, Np, 0, input, Np, pw));
    // R^T group by group, each [H, 32] row-major: a step reads it as one sequential stream.
    const groups = Np / 32;
    const rg = new Float32Array(H * Np);
    for (let g = 0; g < groups; g++) {
      for (let k = 0; k < H; k++) rg.set(gr.subarray(k * Np + g * 32, k * Np + g * 32 + 32), (g * H + k) * 32);
    }
    const pr = keepFloats(info, rg);
    const bias = new Float32Array(Np);
    if (b) {
      for (let gate = 0; gate < 4; gate++) {
        for (let u = 0; u < H; u++) bias[groupedColumn(gate, u)] = b[d * 2 * G + gate * H + u]! + b[d * 2 * G + G + gate * H + u]!;
      }
    }
    grouped.w.push(pw);
    grouped.r.push(pr);
    grouped.bias.push(keepFloats(info, bias));
  }
  const wants = [0, 1, 2].map((i) => !!info.node.outputs[i]?.name);
  return {
    run(ctx: FastRunContext): boolean {
      const x = floatInput(ctx, 0);
      if (!x || x.rank !== 3 || x.dims[2] !== input) return false;
      const seq = x.dims[layout === 0 ? 0 : 1]!;
      const batch = x.dims[layout === 0 ? 1 : 0]!;
      if (seq === 0 || batch === 0) return false;
      const lens = ctx.input(4);
      if (lens) {
        const l = lens.data() as Int32Array;
        if (lens.size !== batch || Array.from(l, Number).some((v) => v !== seq)) return false;
      }
      const stateDims = layout === 0 ? [dirs, batch, H] : [batch, dirs, H];
      const h0 = ctx.input(5) ? floatInput(ctx, 5) : undefined;
      const c0 = ctx.input(6) ? floatInput(ctx, 6) : undefined;
      if ((ctx.input(5) && !h0) || (ctx.input(6) && !c0)) return false;
      for (const s of [h0, c0]) if (s && s.dims.join(',') !== stateDims.join(',')) return false;
      const px = ctx.ptr(0);
      const ph0 = h0 ? ctx.ptr(5) : 0;
      const pc0 = c0 ? ctx.ptr(6) : 0;
      const y = wants[0] ? ctx.output(0, layout === 0 ? [seq, dirs, batch, H] : [batch, seq, dirs, H]) : 0;
      const yh = wants[1] ? ctx.output(1, stateDims) : 0;
      const yc = wants[2] ? ctx.output(2, stateDims) : 0;
      if (batch === 1) {
        runBatchOne(ctx, { px, ph0, pc0, y, yh, yc, seq, input, H, Hp, Np, dirs, reverse: direction === 'reverse', grouped });
        return true;
      }
      packed ??= packStandard();
      const std = packed;
      const gates = ctx.scratch(seq * batch * G * 4);
      const hs = ctx.scratch(batch * H * 4);
      const cs = ctx.scratch(batch * H * 4);
      const eng = ctx.engine;
      // Row (d, b) of a state tensor.
      const stateRow = (d: number, bb: number) => ((layout === 0 ? d * batch + bb : bb * dirs + d) * H) * 4;
      for (let d = 0; d < dirs; d++) {
        const back = dirs === 2 ? d === 1 : direction === 'reverse';
        runGemm(eng, { a: px, lda: input, b: std.w[d]!, ldb: G, bPacked: true, c: gates, ldc: G, M: seq * batch, N: G, K: input, bias: std.bias[d]!, biasKind: 2 }, ctx.threads);
        const hv = eng.f32(hs, batch * H);
        const cv = eng.f32(cs, batch * H);
        for (let bb = 0; bb < batch; bb++) {
          if (ph0) hv.set(eng.f32(ph0 + stateRow(d, bb), H), bb * H);
          else hv.fill(0, bb * H, (bb + 1) * H);
          if (pc0) cv.set(eng.f32(pc0 + stateRow(d, bb), H), bb * H);
          else cv.fill(0, bb * H, (bb + 1) * H);
        }
        // Gate rows of time t: rows are (t, b) for layout 0 and (b, t) for layout 1.
        const ldg = layout === 0 ? G : seq * G;
        const ldy = layout === 0 ? H : seq * dirs * H;
        for (let s = 0; s < seq; s++) {
          const t = back ? seq - 1 - s : s;
          const g = gates + (layout === 0 ? t * batch * G : t * G) * 4;
          runGemm(eng, { a: hs, lda: H, b: std.r[d]!, ldb: G, bPacked: true, c: g, ldc: ldg, M: batch, N: G, K: H, accumulate: true }, ctx.threads);
          const yt = y ? y + (layout === 0 ? (t * dirs + d) * batch * H : (t * dirs + d) * H) * 4 : 0;
          runLstmCell(eng, g, ldg, batch, H, cs, hs, yt, ldy, ctx.threads);
        }
        for (let bb = 0; bb < batch; bb++) {
          if (yh) eng.f32(yh + stateRow(d, bb), H).set(hv.subarray(bb * H, (bb + 1) * H));
          if (yc) eng.f32(yc + stateRow(d, bb), H).set(cv.subarray(bb * H, (bb + 1) * H));
        }
      }
      return true;
    },
  };
}

export const rnnFastOps: FastOp[] = [{ opType: 'LSTM', create: createLstm }];
