import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { binaryKernel, withLegacyBroadcast } from '../helpers/elementwise.js';
import { elementwiseFlops, inferSymbolicEqual, legacyInfer, sharedTypeInfer } from '../helpers/elementwise-math.js';
import type { InferContext } from '../types.js';

const kernel = binaryKernel({ num: (a, b) => (a === b ? 1 : 0), big: (a, b) => a === b, str: (a, b) => a === b, out: () => DataType.BOOL });

const broadcastInfer = sharedTypeInfer(DataType.BOOL);

/** Inference with numpy broadcasting; comparisons of shape values are decided where possible. */
function inferEqual(ctx: InferContext) {
  const out = broadcastInfer(ctx);
  inferSymbolicEqual(ctx);
  return out;
}

/** C = (A == B) (bool; strings from opset 19), with numpy broadcasting (limited broadcasting before opset 7). */
export default defineOp({
  opType: 'Equal',
  category: 'logic',
  traits: ['elementwise', 'commutative'],
  infer: inferEqual,
  kernel,
  flops: elementwiseFlops,
  versions: [
    { since: 1, inputs: 'A:T, B:T', outputs: 'C:T1', attrs: { axis: 'int', broadcast: 'int=0' }, types: { T: 'bool int32 int64', T1: 'bool' }, infer: legacyInfer(DataType.BOOL), kernel: withLegacyBroadcast(kernel) },
    { since: 7, inputs: 'A:T, B:T', outputs: 'C:T1', types: { T: 'bool int32 int64', T1: 'bool' } },
    { since: 11, inputs: 'A:T, B:T', outputs: 'C:T1', types: { T: 'bool uint8 uint16 uint32 uint64 int8 int16 int32 int64 float16 float double', T1: 'bool' } },
    { since: 13, inputs: 'A:T, B:T', outputs: 'C:T1', types: { T: 'bool uint8 uint16 uint32 uint64 int8 int16 int32 int64 float16 float double bfloat16', T1: 'bool' } },
    { since: 19, inputs: 'A:T, B:T', outputs: 'C:T1', types: { T: 'bool uint8 uint16 uint32 uint64 int8 int16 int32 int64 float16 float double bfloat16 string', T1: 'bool' } },
  ],
});
