import { defineOp } from '../define.js';
import { DataType, dtypeName } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { knownDims } from '../helpers/const-input.js';
import { encodeFloats, isNarrowFloat, toFloat64 } from '../helpers/convert.js';
import { dimAdd, dimCeilDiv, dimMul, dimSub } from '../helpers/dims.js';
import { f16ToF32, f32ToF16, bf16ToF32, f32ToBf16 } from '../../ir/float-formats.js';
import type { InferContext, KernelContext } from '../types.js';

/** [start, start + delta, ...) up to limit (exclusive): max(ceil((limit - start) / delta), 0) values. */
function inferRange(ctx: InferContext): (ValueType | undefined)[] {
  const elemType = ctx.input(0).elemType || ctx.input(1).elemType || ctx.input(2).elemType;
  for (let i = 0; i < 3; i++) {
    const r = ctx.input(i).rank;
    if (r !== undefined && r !== 0 && !(r === 1 && ctx.input(i).shape![0] === 1)) ctx.fail(`input ${i} must be a scalar, got rank ${r}`);
  }
  const [s, l, d] = [knownDims(ctx, 0), knownDims(ctx, 1), knownDims(ctx, 2)].map((v) => (v?.length === 1 ? v[0]! : null));
  let count: Dim = null;
  if (typeof d === 'number' && s !== null && l !== null) {
    if (d === 0) ctx.fail('delta must not be 0');
    count = d > 0 ? dimCeilDiv(dimSub(l, s), d) : dimCeilDiv(dimSub(s, l), -d);
    if (typeof count === 'number') count = Math.max(count, 0);
    if (typeof count === 'number' && count <= 64) {
      ctx.setSymbolic(0, Array.from({ length: count }, (_, i) => dimAdd(s, dimMul(i, d))));
    }
  }
  return [tensorType(elemType, [count])];
}

function bigCount(start: bigint, limit: bigint, delta: bigint): number {
  const diff = limit - start;
  let q = diff / delta;
  if (q * delta !== diff && diff > 0n === delta > 0n) q += 1n;
  return q > 0n ? Number(q) : 0;
}

/** Range-11; Range-27 adds float16/bfloat16, accumulated in float32 unless stash_type says otherwise. */
function rangeKernel(ctx: KernelContext) {
  const [st, lt, dt] = [ctx.input(0), ctx.input(1), ctx.input(2)];
  const t = st.dtype;
  for (const x of [st, lt, dt]) {
    if (x.size !== 1) ctx.fail(`start, limit and delta must be scalars, got shape [${x.dims.join(',')}]`);
    if (x.dtype !== t) ctx.fail(`start, limit and delta must have one type, got ${dtypeName(t)} and ${dtypeName(x.dtype)}`);
  }
  if (t === DataType.INT64) {
    const [s, l, d] = [st, lt, dt].map((x) => (x.data() as BigInt64Array)[0]!) as [bigint, bigint, bigint];
    if (d === 0n) ctx.fail('delta must not be 0');
    const n = bigCount(s, l, d);
    const out = new BigInt64Array(n);
    for (let i = 0; i < n; i++) out[i] = s + BigInt(i) * d;
    return [Tensor.fromData(t, [n], out)];
  }
  const [s, l, d] = [st, lt, dt].map((x) => toFloat64(x)[0]!) as [number, number, number];
  if (d === 0) ctx.fail('delta must not be 0');
  const n = Math.max(Math.ceil((l - s) / d), 0);
  if (!Number.isFinite(n)) ctx.fail(`range [${s}, ${l}) by ${d} is not finite`);
  const vals = new Float64Array(n);
  const stash = ctx.attr.optInt('stash_type') ?? 1;
  if (isNarrowFloat(t) && stash !== 1) {
    // Accumulate in the narrow type itself: every addition rounds.
    const round = t === DataType.FLOAT16 ? (v: number) => f16ToF32(f32ToF16(v)) : (v: number) => bf16ToF32(f32ToBf16(v));
    let acc = s;
    for (let i = 0; i < n; i++, acc = round(acc + d)) vals[i] = acc;
  } else for (let i = 0; i < n; i++) vals[i] = s + i * d;
  return [Tensor.fromData(t, [n], encodeFloats(t, vals))];
}

export default defineOp({
  opType: 'Range',
  category: 'tensor',
  infer: inferRange,
  kernel: rangeKernel,
  flops: () => 0,
  versions: [
    { since: 11, inputs: 'start:T, limit:T, delta:T', outputs: 'output:T', types: { T: 'float double int16 int32 int64' } },
    { since: 27, inputs: 'start:T, limit:T, delta:T', outputs: 'output:T', attrs: { stash_type: 'int=1' }, types: { T: 'float double int16 int32 int64 float16 bfloat16' } },
  ],
});
