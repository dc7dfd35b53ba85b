import { defineOp } from '../define.js';
import type { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { toFloat } from '../helpers/convert.js';
import { dimConflicts, dimFloorDiv, dimMerge, dimMul } from '../helpers/dims.js';
import { fromCompute } from '../helpers/normalize.js';
import type { InferContext, KernelContext } from '../types.js';

const RULES = ['linear', 'gated', 'delta', 'gated_delta'] as const;
type Rule = (typeof RULES)[number];

function checkRule(r: string, fail: (m: string) => never): Rule {
  if (!(RULES as readonly string[]).includes(r)) fail(`update_rule must be one of ${RULES.join(', ')}, got "${r}"`);
  return r as Rule;
}

function checkHeads(qh: number, kvh: number, fail: (m: string) => never): void {
  if (qh <= 0 || kvh <= 0 || qh % kvh !== 0) fail(`q_num_heads ${qh} must be a positive multiple of kv_num_heads ${kvh}`);
}

/**
 * Recurrent linear attention over packed (B, T, H*D) inputs, token by token, with a state
 * S (d_k x d_v) per batch and KV head (float32 accumulation):
 *   gated rules first decay S by exp(g_t) (per key dim or per head);
 *   delta rules replace v_t by beta_t * (v_t - S^T k_t) (S already decayed);
 *   then S += k_t (x) v_t, and o_t = scale * q_t^T S for each query head of the KV head's group.
 */
function linearAttentionKernel(ctx: KernelContext) {
  const fail = (m: string): never => ctx.fail(m);
  const rule = checkRule(ctx.attr.string('update_rule'), fail);
  const qh = ctx.attr.int('q_num_heads');
  const kvh = ctx.attr.int('kv_num_heads');
  checkHeads(qh, kvh, fail);
  const qT = ctx.input(0);
  const kT = ctx.input(1);
  const vT = ctx.input(2);
  const pastT = ctx.optionalInput(3);
  const decayT = ctx.optionalInput(4);
  const betaT = ctx.optionalInput(5);
  const gating = rule === 'gated' || rule === 'gated_delta';
  const delta = rule === 'delta' || rule === 'gated_delta';
  if (gating !== !!decayT) fail(`update_rule "${rule}" ${gating ? 'needs' : 'takes no'} decay input`);
  if (delta !== !!betaT) fail(`update_rule "${rule}" ${delta ? 'needs' : 'takes no'} beta input`);
  for (const [name, t] of [
    ['query', qT],
    ['key', kT],
    ['value', vT],
  ] as const) {
    if (t.rank !== 3) fail(`${name} must be 3-D (B, T, H*D), got rank ${t.rank}`);
  }
  const [batch, steps, qHidden] = qT.dims as [number, number, number];
  if (qHidden % qh !== 0) fail(`query's hidden size ${qHidden} is not a multiple of q_num_heads ${qh}`);
  const dk = qHidden / qh;
  const vHidden = vT.dims[2]!;
  if (vHidden % kvh !== 0) fail(`value's hidden size ${vHidden} is not a multiple of kv_num_heads ${kvh}`);
  const dv = vHidden / kvh;
  const same = (t: Tensor, last: number) => t.dims[0] === batch && t.dims[1] === steps && t.dims[2] === last;
  if (!same(kT, kvh * dk)) fail(`key has shape [${kT.dims.join(',')}], expected [${batch},${steps},${kvh * dk}]`);
  if (!same(vT, kvh * dv)) fail(`value has shape [${vT.dims.join(',')}], expected [${batch},${steps},${kvh * dv}]`);
  let decayPerDim = false;
  if (decayT) {
    if (same(decayT, kvh * dk)) decayPerDim = true;
    else if (!same(decayT, kvh)) fail(`decay has shape [${decayT.dims.join(',')}], expected [${batch},${steps},${kvh}] or [${batch},${steps},${kvh * dk}]`);
  }
  let betaPerHead = false;
  if (betaT) {
    if (same(betaT, kvh)) betaPerHead = true;
    else if (!same(betaT, 1)) fail(`beta has shape [${betaT.dims.join(',')}], expected [${batch},${steps},${kvh}] or [${batch},${steps},1]`);
  }
  const stateSize = dk * dv;
  const state = new Float32Array(batch * kvh * stateSize);
  if (pastT) {
    const want = [batch, kvh, dk, dv];
    if (pastT.rank !== 4 || pastT.dims.some((d, i) => d !== want[i])) fail(`past_state has shape [${pastT.dims.join(',')}], expected [${want.join(',')}]`);
    state.set(toFloat(pastT));
  }
  let scale = ctx.attr.float('scale');
  if (scale === 0) scale = 1 / Math.sqrt(dk);
  const q = toFloat(qT);
  const k = toFloat(kT);
  const v = toFloat(vT);
  const g = decayT ? toFloat(decayT) : undefined;
  const beta = betaT ? toFloat(betaT) : undefined;
  const group = qh / kvh;
  const out = new Float32Array(batch * steps * qh * dv);
  const u = new Float64Array(dv);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < steps; t++) {
      const row = b * steps + t;
      for (let hk = 0; hk < kvh; hk++) {
        const s0 = (b * kvh + hk) * stateSize;
        const kOff = row * kvh * dk + hk * dk;
        const vOff = row * kvh * dv + hk * dv;
        if (g) {
          if (decayPerDim) {
            const gOff = row * kvh * dk + hk * dk;
            for (let i = 0; i < dk; i++) {
              const f = Math.exp(g[gOff + i]!);
              const r = s0 + i * dv;
              for (let j = 0; j < dv; j++) state[r + j] = state[r + j]! * f;
            }
          } else {
            const f = Math.exp(g[row * kvh + hk]!);
            for (let i = 0; i < stateSize; i++) state[s0 + i] = state[s0 + i]! * f;
          }
        }
        // u = the value written: v_t, or beta_t * (v_t - S^T k_t).
        for (let j = 0; j < dv; j++) u[j] = v[vOff + j]!;
        if (beta) {
          const bt = beta[betaPerHead ? row * kvh + hk : row]!;
          for (let j = 0; j < dv; j++) {
            let r = 0;
            for (let i = 0; i < dk; i++) r += state[s0 + i * dv + j]! * k[kOff + i]!;
            u[j] = bt * (u[j]! - r);
          }
        }
        for (let i = 0; i < dk; i++) {
          const ki = k[kOff + i]!;
          const r = s0 + i * dv;
          for (let j = 0; j < dv; j++) state[r + j] = state[r + j]! + ki * u[j]!;
        }
        for (let hq = hk * group; hq < (hk + 1) * group; hq++) {
          const qOff = row * qh * dk + hq * dk;
          const oOff = row * qh * dv + hq * dv;
          for (let j = 0; j < dv; j++) {
            let acc = 0;
            for (let i = 0; i < dk; i++) acc += q[qOff + i]! * state[s0 + i * dv + j]!;
            out[oOff + j] = scale * acc;
          }
        }
      }
    }
  }
  const stateType = pastT ? pastT.dtype : qT.dtype;
  return [fromCompute(qT.dtype, [batch, steps, qh * dv], out), fromCompute(stateType, [batch, kvh, dk, dv], state)];
}

function inferLinearAttention(ctx: InferContext): (ValueType | undefined)[] {
  const fail = (m: string): never => ctx.fail(m);
  const rule = checkRule(ctx.attr.string('update_rule'), fail);
  const qh = ctx.attr.int('q_num_heads');
  const kvh = ctx.attr.int('kv_num_heads');
  checkHeads(qh, kvh, fail);
  const gating = rule === 'gated' || rule === 'gated_delta';
  const delta = rule === 'delta' || rule === 'gated_delta';
  if (gating !== ctx.has(4)) fail(`update_rule "${rule}" ${gating ? 'needs' : 'takes no'} decay input`);
  if (delta !== ctx.has(5)) fail(`update_rule "${rule}" ${delta ? 'needs' : 'takes no'} beta input`);
  const q = ctx.input(0);
  const k = ctx.input(1);
  const v = ctx.input(2);
  for (const [name, s] of [
    ['query', q.shape],
    ['key', k.shape],
    ['value', v.shape],
  ] as const) {
    if (s && s.length !== 3) fail(`${name} must be 3-D (B, T, H*D), got rank ${s.length}`);
  }
  const qs = q.shape;
  const vs = v.shape;
  const batch: Dim = dimMerge(dimMerge(qs?.[0] ?? null, k.shape?.[0] ?? null), vs?.[0] ?? null);
  const steps: Dim = dimMerge(dimMerge(qs?.[1] ?? null, k.shape?.[1] ?? null), vs?.[1] ?? null);
  const dk = qs ? dimFloorDiv(qs[2]!, qh) : null;
  const dv = vs ? dimFloorDiv(vs[2]!, kvh) : null;
  if (typeof qs?.[2] === 'number' && qs[2] % qh !== 0) fail(`query's hidden size ${qs[2]} is not a multiple of q_num_heads ${qh}`);
  if (k.shape && dk !== null && dimConflicts(k.shape[2]!, dimMul(kvh, dk))) fail(`key's hidden size ${k.shape[2]} is not kv_num_heads * d_k = ${dimMul(kvh, dk)}`);
  const past = ctx.has(3) ? ctx.input(3) : undefined;
  const stateType = past ? past.elemType : q.elemType;
  return [tensorType(q.elemType, [batch, steps, dimMul(qh, dv)]), tensorType(stateType, [batch, kvh, dk, dv])];
}

export default defineOp({
  opType: 'LinearAttention',
  category: 'attention',
  infer: inferLinearAttention,
  kernel: linearAttentionKernel,
  versions: [
    { since: 27, inputs: 'query:T, key:T, value:T, past_state?:S, decay?:T, beta?:T', outputs: 'output:T, present_state:S', attrs: { chunk_size: 'int=64', kv_num_heads: 'int!', q_num_heads: 'int!', scale: 'float=0.0', update_rule: 'string=gated_delta' }, types: { T: 'float16 bfloat16 float', S: 'float16 bfloat16 float' } },
  ],
});
