import { defineOp } from '../define.js';
import { binaryKernel, elementwiseInfer, legacyBinaryInfer, withLegacyBroadcast } from '../helpers/elementwise.js';

/** C = A + B, with numpy broadcasting (limited broadcasting before opset 7). */
const add = binaryKernel({ num: (a, b) => a + b, big: (a, b) => a + b });

export default defineOp({
  opType: 'Add',
  category: 'math',
  traits: ['elementwise', 'commutative'],
  infer: elementwiseInfer(),
  kernel: add,
  flops: (ctx) => ctx.outputShape(0)?.reduce((a, b) => a * b, 1),
  versions: [
    { since: 1, inputs: 'A:T, B:T', outputs: 'C:T', attrs: { axis: 'int', broadcast: 'int=0', consumed_inputs: 'ints' }, types: { T: 'float16 float double' }, infer: legacyBinaryInfer, kernel: withLegacyBroadcast(add) },
    { since: 6, inputs: 'A:T, B:T', outputs: 'C:T', attrs: { axis: 'int', broadcast: 'int=0' }, types: { T: 'uint32 uint64 int32 int64 float16 float double' }, infer: legacyBinaryInfer, kernel: withLegacyBroadcast(add) },
    { since: 7, inputs: 'A:T, B:T', outputs: 'C:T', types: { T: 'uint32 uint64 int32 int64 float16 float double' } },
    { since: 13, inputs: 'A:T, B:T', outputs: 'C:T', types: { T: 'uint32 uint64 int32 int64 float16 float double bfloat16' } },
    { since: 14, inputs: 'A:T, B:T', outputs: 'C:T', types: { T: '$numeric_v13' } },
  ],
});
