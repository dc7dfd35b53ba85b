import { defineOp } from '../define.js';
import { cumulativeInfer, cumulativeKernel } from '../helpers/cumulative.js';

/** Cumulative sum along an axis (optionally exclusive and/or reversed). */
export default defineOp({
  opType: 'CumSum',
  category: 'math',
  infer: cumulativeInfer,
  kernel: cumulativeKernel(false),
  versions: [
    { since: 11, inputs: 'x:T, axis:T2', outputs: 'y:T', attrs: { exclusive: 'int=0', reverse: 'int=0' }, types: { T: 'uint32 uint64 int32 int64 float double', T2: 'int32 int64' } },
    { since: 14, inputs: 'x:T, axis:T2', outputs: 'y:T', attrs: { exclusive: 'int=0', reverse: 'int=0' }, types: { T: 'uint32 uint64 int32 int64 float16 float double bfloat16', T2: 'int32 int64' } },
  ],
});
