import { defineOp } from '../define.js';
import { binaryKernel, withLegacyBroadcast } from '../helpers/elementwise.js';
import { elementwiseFlops, inferSymbolicArith, legacyInfer, sharedTypeInfer } from '../helpers/elementwise-math.js';
import type { InferContext } from '../types.js';

/**
 * Floats divide in IEEE arithmetic. For integers the quotient is stored into an integer array,
 * which truncates toward zero (and wraps like C); x/0 on integers (undefined in C) gives 0.
 */
const div = binaryKernel({ num: (a, b) => a / b, big: (a, b) => (b === 0n ? 0n : a / b) });

const broadcastInfer = sharedTypeInfer();

/** Inference with numpy broadcasting; integer shape values keep their symbolic dims. */
function inferDiv(ctx: InferContext) {
  const out = broadcastInfer(ctx);
  inferSymbolicArith(ctx, 'div');
  return out;
}

/** C = A / B, with numpy broadcasting (limited broadcasting before opset 7); integer division truncates toward zero. */
export default defineOp({
  opType: 'Div',
  category: 'math',
  traits: ['elementwise'],
  infer: inferDiv,
  kernel: div,
  flops: elementwiseFlops,
  versions: [
    { since: 1, inputs: 'A:T, B:T', outputs: 'C:T', attrs: { axis: 'int', broadcast: 'int=0', consumed_inputs: 'ints' }, types: { T: 'float16 float double' }, infer: legacyInfer(), kernel: withLegacyBroadcast(div) },
    { since: 6, inputs: 'A:T, B:T', outputs: 'C:T', attrs: { axis: 'int', broadcast: 'int=0' }, types: { T: 'uint32 uint64 int32 int64 float16 float double' }, infer: legacyInfer(), kernel: withLegacyBroadcast(div) },
    { since: 7, inputs: 'A:T, B:T', outputs: 'C:T', types: { T: 'uint32 uint64 int32 int64 float16 float double' } },
    { since: 13, inputs: 'A:T, B:T', outputs: 'C:T', types: { T: 'uint32 uint64 int32 int64 float16 float double bfloat16' } },
    { since: 14, inputs: 'A:T, B:T', outputs: 'C:T', types: { T: '$numeric_v13' } },
  ],
});
