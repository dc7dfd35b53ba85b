import { defineOp } from '../define.js';
import { reduceFlops, reduceInfer, reduceKernel } from '../helpers/reduce.js';

/** Minimum over the given axes (+inf, or the highest value of the type, for an empty set). */
export default defineOp({
  opType: 'ReduceMin',
  category: 'reduction',
  infer: reduceInfer(),
  kernel: reduceKernel('min'),
  flops: reduceFlops,
  versions: [
    { since: 1, inputs: 'data:T', outputs: 'reduced:T', attrs: { axes: 'ints', keepdims: 'int=1' }, types: { T: 'uint32 uint64 int32 int64 float16 float double' } },
    { since: 11, inputs: 'data:T', outputs: 'reduced:T', attrs: { axes: 'ints', keepdims: 'int=1' }, types: { T: 'uint32 uint64 int32 int64 float16 float double' } },
    { since: 12, inputs: 'data:T', outputs: 'reduced:T', attrs: { axes: 'ints', keepdims: 'int=1' }, types: { T: 'uint32 uint64 int32 int64 float16 float double uint8 int8' } },
    { since: 13, inputs: 'data:T', outputs: 'reduced:T', attrs: { axes: 'ints', keepdims: 'int=1' }, types: { T: 'uint32 uint64 int32 int64 float16 float double bfloat16 uint8 int8' } },
    { since: 18, inputs: 'data:T, axes?:tensor(int64)', outputs: 'reduced:T', attrs: { keepdims: 'int=1', noop_with_empty_axes: 'int=0' }, types: { T: 'uint32 uint64 int32 int64 float16 float double bfloat16 uint8 int8' } },
    { since: 20, inputs: 'data:T, axes?:tensor(int64)', outputs: 'reduced:T', attrs: { keepdims: 'int=1', noop_with_empty_axes: 'int=0' }, types: { T: 'uint32 uint64 int32 int64 float16 float double bfloat16 uint8 int8 bool' } },
  ],
});
