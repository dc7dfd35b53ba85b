import { defineOp } from '../define.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { tensorFromFloats } from '../helpers/convert.js';
import { fillUniform, randomOutputType, uniformSource } from '../helpers/random.js';
import type { InferContext, KernelContext } from '../types.js';

function randomUniformLikeKernel(ctx: KernelContext) {
  const fail: (m: string) => never = (m) => ctx.fail(m);
  const x = ctx.input(0);
  const dtype = randomOutputType(ctx, x.dtype, fail);
  const v = new Float64Array(x.size);
  fillUniform(v, uniformSource(ctx), ctx.attr.float('low'), ctx.attr.float('high'));
  return [tensorFromFloats(dtype, x.dims, v)];
}

function inferRandomUniformLike(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  return [tensorType(randomOutputType(ctx, x.elemType, (m) => ctx.fail(m)), x.shape)];
}

/** RandomUniformLike: samples uniform in [low, high) in the shape (and by default type) of the input. */
export default defineOp({
  opType: 'RandomUniformLike',
  category: 'random',
  traits: ['nondeterministic'],
  infer: inferRandomUniformLike,
  kernel: randomUniformLikeKernel,
  versions: [
    { since: 1, inputs: 'input:T1', outputs: 'output:T2', attrs: { dtype: 'int', high: 'float=1.0', low: 'float=0.0', seed: 'float' }, types: { T1: '$all_v1', T2: 'float16 float double' } },
    { since: 22, inputs: 'input:T1', outputs: 'output:T2', attrs: { dtype: 'int', high: 'float=1.0', low: 'float=0.0', seed: 'float' }, types: { T1: '$all_v13', T2: 'bfloat16 float16 float double' } },
  ],
});
