import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { sizeOf, tensorFromFloats } from '../helpers/convert.js';
import { fillUniform, randomOutputType, uniformSource } from '../helpers/random.js';
import type { InferContext, KernelContext } from '../types.js';

function shapeOf(ctx: Pick<InferContext, 'attr'>, fail: (m: string) => never): number[] {
  const shape = ctx.attr.ints('shape');
  for (const d of shape) if (d < 0) fail(`shape must not have negative dims, got [${shape.join(',')}]`);
  return shape;
}

function randomUniformKernel(ctx: KernelContext) {
  const fail: (m: string) => never = (m) => ctx.fail(m);
  const dtype = randomOutputType(ctx, DataType.FLOAT, fail);
  const shape = shapeOf(ctx, fail);
  const v = new Float64Array(sizeOf(shape));
  fillUniform(v, uniformSource(ctx), ctx.attr.float('low'), ctx.attr.float('high'));
  return [tensorFromFloats(dtype, shape, v)];
}

function inferRandomUniform(ctx: InferContext): (ValueType | undefined)[] {
  const fail: (m: string) => never = (m) => ctx.fail(m);
  return [tensorType(randomOutputType(ctx, DataType.FLOAT, fail), shapeOf(ctx, fail))];
}

/** RandomUniform: samples uniform in [low, high) in the given shape. */
export default defineOp({
  opType: 'RandomUniform',
  category: 'random',
  traits: ['nondeterministic'],
  infer: inferRandomUniform,
  kernel: randomUniformKernel,
  versions: [
    { since: 1, inputs: '', outputs: 'output:T', attrs: { dtype: 'int=1', high: 'float=1.0', low: 'float=0.0', seed: 'float', shape: 'ints!' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: '', outputs: 'output:T', attrs: { dtype: 'int=1', high: 'float=1.0', low: 'float=0.0', seed: 'float', shape: 'ints!' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
