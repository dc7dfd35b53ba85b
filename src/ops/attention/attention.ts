import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import type { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import {
  checkSoftmaxPrecision,
  concatSeq,
  contiguous,
  heads3d,
  heads4d,
  headSizeDim,
  pvRow,
  qkRow,
  softmaxRowInPlace,
  type Heads,
} from '../helpers/attention.js';
import { toFloat, toInts } from '../helpers/convert.js';
import { dimAdd, dimConflicts, dimMerge, dimMul } from '../helpers/dims.js';
import { computeBuffer, fromCompute } from '../helpers/normalize.js';
import type { FloatArray } from '../helpers/softmax.js';
import type { FlopsContext, InferContext, KernelContext } from '../types.js';

/** The attention mask as read per (b, h, i, j): values and 4-D broadcast strides; j >= len is masked. */
interface Mask {
  values: FloatArray | Uint8Array;
  bool: boolean;
  sB: number;
  sH: number;
  sI: number;
  len: number;
}

function readMask(m: Tensor, batch: number, qHeads: number, qSeq: number, total: number, fail: (msg: string) => never): Mask {
  if (m.rank < 1 || m.rank > 4) fail(`attn_mask must have rank 1 to 4, got ${m.rank}`);
  const dims = [...new Array<number>(4 - m.rank).fill(1), ...m.dims];
  const want = [batch, qHeads, qSeq];
  for (let i = 0; i < 3; i++) {
    if (dims[i] !== 1 && dims[i] !== want[i]) fail(`attn_mask of shape [${m.dims.join(',')}] does not broadcast to [${batch},${qHeads},${qSeq},${total}]`);
  }
  const len = dims[3]!;
  if (len > total) fail(`attn_mask's last dim ${len} exceeds the total sequence length ${total}`);
  const bool = m.dtype === DataType.BOOL;
  const values = bool ? (m.data() as Uint8Array) : toFloat(m);
  const sI = dims[2] === 1 ? 0 : len;
  const sH = dims[1] === 1 ? 0 : dims[2]! * len;
  const sB = dims[0] === 1 ? 0 : dims[1]! * dims[2]! * len;
  return { values, bool, sB, sH, sI, len };
}

/**
 * Scaled dot-product attention (opset 23+): Q·K^T * scale, softcap, + bias (attn_mask, causal,
 * padding, sliding window), softmax (a fully masked row gives zeros), times V. Q/K/V are 4-D
 * (B, H, S, D) or 3-D packed (B, S, H*D) with q_num_heads/kv_num_heads; a KV head serves
 * q_num_heads / kv_num_heads consecutive query heads.
 */
function attentionKernel(ctx: KernelContext) {
  const fail = (m: string): never => ctx.fail(m);
  const qT = ctx.input(0);
  const kT = ctx.input(1);
  const vT = ctx.input(2);
  const maskT = ctx.optionalInput(3);
  const pastKT = ctx.optionalInput(4);
  const pastVT = ctx.optionalInput(5);
  const nonpadT = ctx.inputs.length > 6 ? ctx.optionalInput(6) : undefined;
  const rank = qT.rank;
  if ((rank !== 3 && rank !== 4) || kT.rank !== rank || vT.rank !== rank) {
    fail(`Q, K and V must all be 3-D or all 4-D, got ranks ${qT.rank}, ${kT.rank}, ${vT.rank}`);
  }
  let q: Heads;
  let k: Heads;
  let v: Heads;
  if (rank === 3) {
    const qh = ctx.attr.optInt('q_num_heads');
    const kvh = ctx.attr.optInt('kv_num_heads');
    if (qh === undefined || kvh === undefined) return fail('3-D inputs need the q_num_heads and kv_num_heads attributes');
    q = heads3d(toFloat(qT), qT.dims, qh, fail, 'Q');
    k = heads3d(toFloat(kT), kT.dims, kvh, fail, 'K');
    v = heads3d(toFloat(vT), vT.dims, kvh, fail, 'V');
  } else {
    q = heads4d(toFloat(qT), qT.dims);
    k = heads4d(toFloat(kT), kT.dims);
    v = heads4d(toFloat(vT), vT.dims);
  }
  const batch = q.batch;
  if (k.batch !== batch || v.batch !== batch) fail(`Q, K and V have different batch sizes ${batch}, ${k.batch}, ${v.batch}`);
  if (k.heads !== v.heads) fail(`K has ${k.heads} heads but V has ${v.heads}`);
  if (k.seq !== v.seq) fail(`K has sequence length ${k.seq} but V has ${v.seq}`);
  if (k.size !== q.size) fail(`Q's head size ${q.size} differs from K's ${k.size}`);
  if (k.heads <= 0 || q.heads % k.heads !== 0) fail(`q_num_heads ${q.heads} is not a multiple of kv_num_heads ${k.heads}`);
  if (!!pastKT !== !!pastVT) fail('past_key and past_value must be given together');
  const past = pastKT ? pastKT.dims[2]! : 0;
  if (pastKT && pastVT) {
    const wantK = [batch, k.heads, past, k.size];
    const wantV = [batch, k.heads, past, v.size];
    if (pastKT.rank !== 4 || pastKT.dims.some((d, i) => d !== wantK[i])) fail(`past_key has shape [${pastKT.dims.join(',')}], expected [${wantK.join(',')}]`);
    if (pastVT.rank !== 4 || pastVT.dims.some((d, i) => d !== wantV[i])) fail(`past_value has shape [${pastVT.dims.join(',')}], expected [${wantV.join(',')}]`);
    k = concatSeq(heads4d(toFloat(pastKT), pastKT.dims), k);
    v = concatSeq(heads4d(toFloat(pastVT), pastVT.dims), v);
  }
  const total = k.seq;
  const qSeq = q.seq;
  const mask = maskT ? readMask(maskT, batch, q.heads, qSeq, total, fail) : undefined;
  let nonpad: number[] | undefined;
  if (nonpadT) {
    if (nonpadT.size !== batch) fail(`nonpad_kv_seqlen must have ${batch} values (one per batch), got ${nonpadT.size}`);
    nonpad = toInts(nonpadT);
  }
  const causal = ctx.attr.int('is_causal') === 1;
  const left = ctx.attr.optInt('left_window_size') ?? -1;
  const right = ctx.attr.optInt('right_window_size') ?? -1;
  const softcap = ctx.attr.float('softcap');
  const mode = ctx.attr.int('qk_matmul_output_mode');
  if (mode < 0 || mode > 3) fail(`qk_matmul_output_mode must be 0 to 3, got ${mode}`);
  checkSoftmaxPrecision(ctx.attr.optInt('softmax_precision'), fail);
  const scale = ctx.attr.optFloat('scale') ?? 1 / Math.sqrt(q.size);
  const group = q.heads / k.heads;

  const yBuf = computeBuffer(qT.dtype, batch * q.heads * qSeq * v.size);
  // Y is written as (B, H, S, Dv) for 4-D inputs and (B, S, H*Dv) for 3-D ones.
  const ySB = q.heads * qSeq * v.size;
  const ySH = rank === 4 ? qSeq * v.size : v.size;
  const ySS = rank === 4 ? v.size : q.heads * v.size;
  const wantQk = ctx.outputCount > 3 && ctx.outputNeeded(3);
  const qkBuf = wantQk ? computeBuffer(qT.dtype, batch * q.heads * qSeq * total) : undefined;
  const row = new Float64Array(total);
  const acc = new Float64Array(v.size);
  const windowed = left >= 0 || right >= 0;
  for (let b = 0; b < batch; b++) {
    // Keys before this query block: cached keys, or those an external cache marks valid.
    const offset = pastKT ? past : nonpad ? nonpad[b]! - qSeq : 0;
    const valid = nonpad ? nonpad[b]! : total;
    for (let h = 0; h < q.heads; h++) {
      const hk = Math.floor(h / group);
      for (let i = 0; i < qSeq; i++) {
        qkRow(q, b, h, i, k, hk, scale, row);
        const qkOff = ((b * q.heads + h) * qSeq + i) * total;
        if (qkBuf && mode === 0) for (let j = 0; j < total; j++) qkBuf[qkOff + j] = row[j]!;
        if (softcap > 0) for (let j = 0; j < total; j++) row[j] = softcap * Math.tanh(row[j]! / softcap);
        if (qkBuf && mode === 1) for (let j = 0; j < total; j++) qkBuf[qkOff + j] = row[j]!;
        if (mask) {
          const mOff = b * mask.sB + h * mask.sH + i * mask.sI;
          const mv = mask.values;
          if (mask.bool) for (let j = 0; j < mask.len; j++) row[j] = mv[mOff + j] ? row[j]! : -Infinity;
          else for (let j = 0; j < mask.len; j++) row[j] = row[j]! + mv[mOff + j]!;
          for (let j = mask.len; j < total; j++) row[j] = -Infinity;
        }
        if (causal) for (let j = Math.max(0, i + offset + 1); j < total; j++) row[j] = -Infinity;
        if (valid < total) for (let j = Math.max(0, valid); j < total; j++) row[j] = -Infinity;
        if (windowed) {
          const p = offset + i;
          for (let j = 0; j < total; j++) {
            if ((left >= 0 && j < p - left) || (right >= 0 && j > p + right)) row[j] = -Infinity;
          }
        }
        if (qkBuf && mode === 2) for (let j = 0; j < total; j++) qkBuf[qkOff + j] = row[j]!;
        softmaxRowInPlace(row, total, true);
        if (qkBuf && mode === 3) for (let j = 0; j < total; j++) qkBuf[qkOff + j] = row[j]!;
        pvRow(row, v, b, hk, yBuf, b * ySB + h * ySH + i * ySS, acc);
      }
    }
  }
  const yDims = rank === 4 ? [batch, q.heads, qSeq, v.size] : [batch, qSeq, q.heads * v.size];
  const outs: (Tensor | undefined)[] = [fromCompute(qT.dtype, yDims, yBuf)];
  if (ctx.outputCount > 1) outs.push(ctx.outputNeeded(1) ? fromCompute(kT.dtype, [batch, k.heads, total, k.size], contiguous(k)) : undefined);
  if (ctx.outputCount > 2) outs.push(ctx.outputNeeded(2) ? fromCompute(vT.dtype, [batch, v.heads, total, v.size], contiguous(v)) : undefined);
  if (ctx.outputCount > 3) outs.push(qkBuf ? fromCompute(qT.dtype, [batch, q.heads, qSeq, total], qkBuf) : undefined);
  return outs;
}

function inferAttention(ctx: InferContext): (ValueType | undefined)[] {
  const q = ctx.input(0);
  const k = ctx.input(1);
  const v = ctx.input(2);
  const mode = ctx.attr.int('qk_matmul_output_mode');
  if (mode < 0 || mode > 3) ctx.fail(`qk_matmul_output_mode must be 0 to 3, got ${mode}`);
  checkSoftmaxPrecision(ctx.attr.optInt('softmax_precision'), (m) => ctx.fail(m));
  if (ctx.has(4) !== ctx.has(5)) ctx.fail('past_key and past_value must be given together');
  const rank = q.rank ?? k.rank ?? v.rank;
  for (const [name, r] of [
    ['Q', q.rank],
    ['K', k.rank],
    ['V', v.rank],
  ] as const) {
    if (r !== undefined && r !== rank) ctx.fail(`Q, K and V must have the same rank, ${name} has rank ${r}`);
    if (r !== undefined && r !== 3 && r !== 4) ctx.fail(`${name} must be 3-D or 4-D, got rank ${r}`);
  }
  let batch: Dim = null;
  let qHeads: Dim = null;
  let kvHeads: Dim = null;
  let qSeq: Dim = null;
  let kvSeq: Dim = null;
  let headSize: Dim = null;
  let vHeadSize: Dim = null;
  const qs = q.shape;
  const ks = k.shape;
  const vs = v.shape;
  if (rank === 3) {
    const qh = ctx.attr.optInt('q_num_heads');
    const kvh = ctx.attr.optInt('kv_num_heads');
    if (qh === undefined || kvh === undefined) return ctx.fail('3-D inputs need the q_num_heads and kv_num_heads attributes');
    if (kvh <= 0 || qh % kvh !== 0) ctx.fail(`q_num_heads ${qh} is not a multiple of kv_num_heads ${kvh}`);
    qHeads = qh;
    kvHeads = kvh;
    for (const [name, s, heads] of [
      ['Q', qs, qh],
      ['K', ks, kvh],
      ['V', vs, kvh],
    ] as const) {
      const hidden = s?.[2];
      if (typeof hidden === 'number' && hidden % heads !== 0) ctx.fail(`${name}'s hidden size ${hidden} is not a multiple of its ${heads} heads`);
    }
    batch = dimMerge(dimMerge(qs?.[0] ?? null, ks?.[0] ?? null), vs?.[0] ?? null);
    qSeq = qs?.[1] ?? null;
    kvSeq = dimMerge(ks?.[1] ?? null, vs?.[1] ?? null);
    headSize = dimMerge(qs ? headSizeDim(qs[2]!, qh) : null, ks ? headSizeDim(ks[2]!, kvh) : null);
    vHeadSize = vs ? headSizeDim(vs[2]!, kvh) : null;
  } else if (rank === 4) {
    batch = dimMerge(dimMerge(qs?.[0] ?? null, ks?.[0] ?? null), vs?.[0] ?? null);
    qHeads = qs?.[1] ?? null;
    kvHeads = dimMerge(ks?.[1] ?? null, vs?.[1] ?? null);
    if (typeof qHeads === 'number' && typeof kvHeads === 'number' && (kvHeads <= 0 || qHeads % kvHeads !== 0)) {
      ctx.fail(`Q's ${qHeads} heads are not a multiple of K's ${kvHeads} heads`);
    }
    if (ks && vs && dimConflicts(ks[1]!, vs[1]!)) ctx.fail(`K has ${ks[1]} heads but V has ${vs[1]}`);
    qSeq = qs?.[2] ?? null;
    kvSeq = dimMerge(ks?.[2] ?? null, vs?.[2] ?? null);
    headSize = dimMerge(qs?.[3] ?? null, ks?.[3] ?? null);
    if (qs && ks && dimConflicts(qs[3]!, ks[3]!)) ctx.fail(`Q's head size ${qs[3]} differs from K's ${ks[3]}`);
    vHeadSize = vs?.[3] ?? null;
  }
  const pastLen: Dim = ctx.has(4) ? (ctx.input(4).shape?.[2] ?? null) : 0;
  const total = dimAdd(pastLen, kvSeq);
  const known = rank !== undefined;
  const yShape = !known ? undefined : rank === 4 ? [batch, qHeads, qSeq, vHeadSize] : [batch, qSeq, dimMul(qHeads, vHeadSize)];
  const outs: (ValueType | undefined)[] = [tensorType(q.elemType, yShape)];
  if (ctx.outputCount > 1) outs.push(tensorType(k.elemType, known ? [batch, kvHeads, total, headSize] : undefined));
  if (ctx.outputCount > 2) outs.push(tensorType(v.elemType, known ? [batch, kvHeads, total, vHeadSize] : undefined));
  if (ctx.outputCount > 3) outs.push(tensorType(q.elemType, known ? [batch, qHeads, qSeq, total] : undefined));
  return outs;
}

/** 2·B·Hq·Sq·T·(D + Dv) for the two batched matrix products (docs/flops.md). */
function attentionFlops(ctx: FlopsContext): number | undefined {
  const y = ctx.outputShape(0);
  const q = ctx.inputShape(0);
  const k = ctx.inputShape(1);
  if (!y || !q || !k) return undefined;
  const kvSeq = k.length === 4 ? k[2]! : k[1]!;
  const total = kvSeq + (ctx.inputShape(4)?.[2] ?? 0);
  const yElems = y.reduce((a, b) => a * b, 1);
  const qElems = q.reduce((a, b) => a * b, 1);
  return 2 * total * (qElems + yElems);
}

export default defineOp({
  opType: 'Attention',
  category: 'attention',
  infer: inferAttention,
  kernel: attentionKernel,
  flops: attentionFlops,
  versions: [
    { since: 23, inputs: 'Q:T1, K:T1, V:T2, attn_mask?:U, past_key?:T1, past_value?:T2', outputs: 'Y:T1, present_key?:T1, present_value?:T2, qk_matmul_output?:T1', attrs: { is_causal: 'int=0', kv_num_heads: 'int', q_num_heads: 'int', qk_matmul_output_mode: 'int=0', scale: 'float', softcap: 'float=0.0', softmax_precision: 'int' }, types: { T1: 'bfloat16 float16 float double', T2: 'bfloat16 float16 float double', U: 'uint8 uint16 uint32 uint64 int8 int16 int32 int64 bfloat16 float16 float double bool' } },
    { since: 24, inputs: 'Q:T1, K:T1, V:T2, attn_mask?:U, past_key?:T1, past_value?:T2, nonpad_kv_seqlen?:tensor(int64)', outputs: 'Y:T1, present_key?:T1, present_value?:T2, qk_matmul_output?:T1', attrs: { is_causal: 'int=0', kv_num_heads: 'int', q_num_heads: 'int', qk_matmul_output_mode: 'int=0', scale: 'float', softcap: 'float=0.0', softmax_precision: 'int' }, types: { T1: 'bfloat16 float16 float double', T2: 'bfloat16 float16 float double', U: 'uint8 uint16 uint32 uint64 int8 int16 int32 int64 bfloat16 float16 float double bool' } },
    { since: 25, inputs: 'Q:T1, K:T1, V:T2, attn_mask?:U, past_key?:T1, past_value?:T2, nonpad_kv_seqlen?:tensor(int64)', outputs: 'Y:T1, present_key?:T1, present_value?:T2, qk_matmul_output?:T1', attrs: { is_causal: 'int=0', kv_num_heads: 'int', left_window_size: 'int=-1', q_num_heads: 'int', qk_matmul_output_mode: 'int=0', right_window_size: 'int=-1', scale: 'float', softcap: 'float=0.0', softmax_precision: 'int' }, types: { T1: 'bfloat16 float16 float double', T2: 'bfloat16 float16 float double', U: 'uint8 uint16 uint32 uint64 int8 int16 int32 int64 bfloat16 float16 float double bool' } },
  ],
});
