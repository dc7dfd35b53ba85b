import { defineOp } from '../define.js';
import { Tensor } from '../../ir/tensor.js';
import type { ValueType } from '../../ir/types.js';
import { broadcastDims, broadcastShapes } from '../helpers/broadcast.js';
import { binaryKernel } from '../helpers/elementwise.js';
import type { InferContext, KernelContext } from '../types.js';

const prelu = binaryKernel({ num: (x, s) => (x < 0 ? x * s : x), big: (x, s) => (x < 0n ? x * s : x) });

/** Y = x for x >= 0, slope * x otherwise; slope broadcasts to X (unidirectionally). */
function preluKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  const slope = ctx.input(1);
  const dims = broadcastShapes([x.dims, slope.dims]);
  if (!dims || dims.length !== x.rank || dims.some((d, i) => d !== x.dims[i])) {
    ctx.fail(`slope of shape [${slope.dims.join(',')}] does not broadcast to X of shape [${x.dims.join(',')}]`);
  }
  return prelu(ctx);
}

/** Before opset 7: a slope of size 1 is shared; a 1-D slope of size C applies per channel (axis 1). */
function legacyPreluKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  let slope = ctx.input(1);
  if (slope.rank === 1 && x.rank >= 2 && slope.size === x.dims[1] && slope.size !== x.dims[x.rank - 1]) {
    const dims = x.dims.map((_, i) => (i === 1 ? slope.size : 1)).slice(1);
    slope = Tensor.fromData(slope.dtype, dims, slope.data());
  }
  const s = slope;
  return preluKernel({ ...ctx, input: (i: number) => (i === 1 ? s : ctx.input(i)), inputs: [x, s] } as KernelContext);
}

function inferPrelu(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const slope = ctx.input(1);
  if (x.shape && slope.shape) {
    if (slope.shape.length > x.shape.length) ctx.fail(`slope has rank ${slope.shape.length}, more than X's rank ${x.shape.length}`);
    broadcastDims([x.shape, slope.shape], (m) => ctx.fail(m));
  }
  return [x.type];
}

export default defineOp({
  opType: 'PRelu',
  category: 'activation',
  traits: ['elementwise', 'activation'],
  infer: inferPrelu,
  kernel: preluKernel,
  flops: (ctx) => ctx.outputShape(0)?.reduce((a, b) => a * b, 1),
  versions: [
    { since: 1, inputs: 'X:T, slope:T', outputs: 'Y:T', attrs: { consumed_inputs: 'ints' }, types: { T: 'float16 float double' }, infer: (ctx) => [ctx.input(0).type], kernel: legacyPreluKernel },
    { since: 6, inputs: 'X:T, slope:T', outputs: 'Y:T', types: { T: 'float16 float double' }, infer: (ctx) => [ctx.input(0).type], kernel: legacyPreluKernel },
    { since: 7, inputs: 'X:T, slope:T', outputs: 'Y:T', types: { T: 'float16 float double' } },
    { since: 9, inputs: 'X:T, slope:T', outputs: 'Y:T', types: { T: 'float16 float double uint32 uint64 int32 int64' } },
    { since: 16, inputs: 'X:T, slope:T', outputs: 'Y:T', types: { T: 'bfloat16 float16 float double uint32 uint64 int32 int64' } },
  ],
});
