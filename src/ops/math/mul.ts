import { defineOp } from '../define.js';
import { dtypeInfo } from '../../ir/dtype.js';
import { binaryKernel, withLegacyBroadcast } from '../helpers/elementwise.js';
import { elementwiseFlops, inferSymbolicArith, legacyInfer, sharedTypeInfer } from '../helpers/elementwise-math.js';
import type { InferContext, KernelContext } from '../types.js';

const mulFloat = binaryKernel({ num: (a, b) => a * b });
/** Integers up to 32 bits multiply modulo 2^32 (exact, wrapping like C); 64-bit ones as bigints. */
const mulInt = binaryKernel({ num: Math.imul, big: (a, b) => a * b });

function mul(ctx: KernelContext) {
  return dtypeInfo(ctx.input(0).dtype).isFloat ? mulFloat(ctx) : mulInt(ctx);
}

const broadcastInfer = sharedTypeInfer();

/** Inference with numpy broadcasting; integer shape values keep their symbolic dims. */
function inferMul(ctx: InferContext) {
  const out = broadcastInfer(ctx);
  inferSymbolicArith(ctx, 'mul');
  return out;
}

/** C = A * B, with numpy broadcasting (limited broadcasting before opset 7); integers wrap like C. */
export default defineOp({
  opType: 'Mul',
  category: 'math',
  traits: ['elementwise', 'commutative'],
  infer: inferMul,
  kernel: mul,
  flops: elementwiseFlops,
  versions: [
    { since: 1, inputs: 'A:T, B:T', outputs: 'C:T', attrs: { axis: 'int', broadcast: 'int=0', consumed_inputs: 'ints' }, types: { T: 'float16 float double' }, infer: legacyInfer(), kernel: withLegacyBroadcast(mul) },
    { since: 6, inputs: 'A:T, B:T', outputs: 'C:T', attrs: { axis: 'int', broadcast: 'int=0' }, types: { T: 'uint32 uint64 int32 int64 float16 float double' }, infer: legacyInfer(), kernel: withLegacyBroadcast(mul) },
    { since: 7, inputs: 'A:T, B:T', outputs: 'C:T', types: { T: 'uint32 uint64 int32 int64 float16 float double' } },
    { since: 13, inputs: 'A:T, B:T', outputs: 'C:T', types: { T: 'uint32 uint64 int32 int64 float16 float double bfloat16' } },
    { since: 14, inputs: 'A:T, B:T', outputs: 'C:T', types: { T: '$numeric_v13' } },
  ],
});
