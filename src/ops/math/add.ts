import { defineOp } from '../define.js';
import { binaryKernel, withLegacyBroadcast } from '../helpers/elementwise.js';
import { elementwiseFlops, inferSymbolicArith, legacyInfer, sharedTypeInfer } from '../helpers/elementwise-math.js';
import type { InferContext } from '../types.js';

const add = binaryKernel({ num: (a, b) => a + b, big: (a, b) => a + b });
const broadcastInfer = sharedTypeInfer();

/** Inference with numpy broadcasting; integer shape values keep their symbolic dims (N+1). */
function inferAdd(ctx: InferContext) {
  const out = broadcastInfer(ctx);
  inferSymbolicArith(ctx, 'add');
  return out;
}

/** C = A + B, with numpy broadcasting (limited broadcasting before opset 7); integers wrap like C. */
export default defineOp({
  opType: 'Add',
  category: 'math',
  traits: ['elementwise', 'commutative'],
  infer: inferAdd,
  kernel: add,
  flops: elementwiseFlops,
  versions: [
    { since: 1, inputs: 'A:T, B:T', outputs: 'C:T', attrs: { axis: 'int', broadcast: 'int=0', consumed_inputs: 'ints' }, types: { T: 'float16 float double' }, infer: legacyInfer(), kernel: withLegacyBroadcast(add) },
    { since: 6, inputs: 'A:T, B:T', outputs: 'C:T', attrs: { axis: 'int', broadcast: 'int=0' }, types: { T: 'uint32 uint64 int32 int64 float16 float double' }, infer: legacyInfer(), kernel: withLegacyBroadcast(add) },
    { since: 7, inputs: 'A:T, B:T', outputs: 'C:T', types: { T: 'uint32 uint64 int32 int64 float16 float double' } },
    { since: 13, inputs: 'A:T, B:T', outputs: 'C:T', types: { T: 'uint32 uint64 int32 int64 float16 float double bfloat16' } },
    { since: 14, inputs: 'A:T, B:T', outputs: 'C:T', types: { T: '$numeric_v13' } },
  ],
});
