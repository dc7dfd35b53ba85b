import { defineOp } from '../define.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { tensorFromFloats } from '../helpers/convert.js';
import { fillNormal, randomOutputType, randomSource } from '../helpers/random.js';
import type { InferContext, KernelContext } from '../types.js';

function randomNormalLikeKernel(ctx: KernelContext) {
  const fail: (m: string) => never = (m) => ctx.fail(m);
  const x = ctx.input(0);
  const dtype = randomOutputType(ctx, x.dtype, fail);
  const v = new Float64Array(x.size);
  fillNormal(v, randomSource(ctx), ctx.attr.float('mean'), ctx.attr.float('scale'));
  return [tensorFromFloats(dtype, x.dims, v)];
}

function inferRandomNormalLike(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  return [tensorType(randomOutputType(ctx, x.elemType, (m) => ctx.fail(m)), x.shape)];
}

/** RandomNormalLike: samples of N(mean, scale^2) in the shape (and by default type) of the input. */
export default defineOp({
  opType: 'RandomNormalLike',
  category: 'random',
  traits: ['nondeterministic'],
  infer: inferRandomNormalLike,
  kernel: randomNormalLikeKernel,
  versions: [
    { since: 1, inputs: 'input:T1', outputs: 'output:T2', attrs: { dtype: 'int', mean: 'float=0.0', scale: 'float=1.0', seed: 'float' }, types: { T1: '$all_v1', T2: 'float16 float double' } },
    { since: 22, inputs: 'input:T1', outputs: 'output:T2', attrs: { dtype: 'int', mean: 'float=0.0', scale: 'float=1.0', seed: 'float' }, types: { T1: '$all_v13', T2: 'bfloat16 float16 float double' } },
  ],
});
