import { defineOp } from '../define.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { tensorFromFloats, toFloat64 } from '../helpers/convert.js';
import { randomOutputType, uniformSource } from '../helpers/random.js';
import type { InferContext, KernelContext } from '../types.js';

function bernoulliKernel(ctx: KernelContext) {
  const fail: (m: string) => never = (m) => ctx.fail(m);
  const x = ctx.input(0);
  const dtype = randomOutputType(ctx, x.dtype, fail);
  const p = toFloat64(x);
  const next = uniformSource(ctx);
  const v = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    if (!(pi >= 0 && pi <= 1)) fail(`probabilities must be in [0, 1], got ${pi}`);
    v[i] = next() < pi ? 1 : 0;
  }
  return [tensorFromFloats(dtype, x.dims, v)];
}

function inferBernoulli(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  return [tensorType(randomOutputType(ctx, x.elemType, (m) => ctx.fail(m)), x.shape)];
}

/** Bernoulli: 1 with probability input[i], else 0. */
export default defineOp({
  opType: 'Bernoulli',
  category: 'random',
  traits: ['nondeterministic'],
  infer: inferBernoulli,
  kernel: bernoulliKernel,
  versions: [
    { since: 15, inputs: 'input:T1', outputs: 'output:T2', attrs: { dtype: 'int', seed: 'float' }, types: { T1: 'float16 float double', T2: 'float16 float double bfloat16 uint8 uint16 uint32 uint64 int8 int16 int32 int64 bool' } },
    { since: 22, inputs: 'input:T1', outputs: 'output:T2', attrs: { dtype: 'int', seed: 'float' }, types: { T1: 'bfloat16 float16 float double', T2: 'uint8 uint16 uint32 uint64 int8 int16 int32 int64 bfloat16 float16 float double bool' } },
  ],
});
