import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { toFloat64 } from '../helpers/convert.js';
import { randomOutputType, uniformSource } from '../helpers/random.js';
import type { InferContext, KernelContext } from '../types.js';

function multinomialKernel(ctx: KernelContext) {
  const fail: (m: string) => never = (m) => ctx.fail(m);
  const x = ctx.input(0);
  if (x.rank !== 2) fail(`input must have shape [batch_size, class_size], got [${x.dims.join(',')}]`);
  const dtype = randomOutputType(ctx, DataType.INT32, fail);
  const samples = ctx.attr.int('sample_size');
  if (samples < 0) fail(`sample_size must not be negative, got ${samples}`);
  const [batch, classes] = x.dims as [number, number];
  if (classes === 0 && samples > 0) fail('cannot sample from zero classes');
  const logits = toFloat64(x);
  const next = uniformSource(ctx);
  const cdf = new Float64Array(classes);
  const out = new Float64Array(batch * samples);
  for (let b = 0; b < batch; b++) {
    // Probabilities proportional to exp(logit), shifted by the max for stability.
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits[b * classes + c]!);
    let total = 0;
    for (let c = 0; c < classes; c++) {
      total += Math.exp(logits[b * classes + c]! - max);
      cdf[c] = total;
    }
    for (let s = 0; s < samples; s++) {
      const u = next() * total;
      let lo = 0;
      let hi = classes - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cdf[mid]! > u) hi = mid;
        else lo = mid + 1;
      }
      out[b * samples + s] = lo;
    }
  }
  const data = dtype === DataType.INT64 ? BigInt64Array.from(out, (v) => BigInt(v)) : Int32Array.from(out);
  return [Tensor.fromData(dtype, [batch, samples], data)];
}

function inferMultinomial(ctx: InferContext): (ValueType | undefined)[] {
  const s = ctx.input(0).shape;
  if (s && s.length !== 2) ctx.fail(`input must have shape [batch_size, class_size], got rank ${s.length}`);
  const dtype = randomOutputType(ctx, DataType.INT32, (m) => ctx.fail(m));
  return [tensorType(dtype, [s ? s[0]! : null, ctx.attr.int('sample_size')])];
}

/** Multinomial: sample_size class indices per batch row, drawn with probabilities softmax(input). */
export default defineOp({
  opType: 'Multinomial',
  category: 'random',
  traits: ['nondeterministic'],
  infer: inferMultinomial,
  kernel: multinomialKernel,
  versions: [
    { since: 7, inputs: 'input:T1', outputs: 'output:T2', attrs: { dtype: 'int=6', sample_size: 'int=1', seed: 'float' }, types: { T1: 'float16 float double', T2: 'int32 int64' } },
    { since: 22, inputs: 'input:T1', outputs: 'output:T2', attrs: { dtype: 'int=6', sample_size: 'int=1', seed: 'float' }, types: { T1: 'bfloat16 float16 float double', T2: 'int32 int64' } },
  ],
});
