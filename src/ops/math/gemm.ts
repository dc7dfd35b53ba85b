import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Gemm',
  category: 'math',
  versions: [
    { since: 1, inputs: 'A:T, B:T, C:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0', beta: 'float=1.0', broadcast: 'int=0', transA: 'int=0', transB: 'int=0' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'A:T, B:T, C:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0', beta: 'float=1.0', broadcast: 'int=0', transA: 'int=0', transB: 'int=0' }, types: { T: 'float16 float double' } },
    { since: 7, inputs: 'A:T, B:T, C:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0', beta: 'float=1.0', transA: 'int=0', transB: 'int=0' }, types: { T: 'float16 float double' } },
    { since: 9, inputs: 'A:T, B:T, C:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0', beta: 'float=1.0', transA: 'int=0', transB: 'int=0' }, types: { T: 'float16 float double uint32 uint64 int32 int64' } },
    { since: 11, inputs: 'A:T, B:T, C?:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0', beta: 'float=1.0', transA: 'int=0', transB: 'int=0' }, types: { T: 'float16 float double uint32 uint64 int32 int64' } },
    { since: 13, inputs: 'A:T, B:T, C?:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0', beta: 'float=1.0', transA: 'int=0', transB: 'int=0' }, types: { T: 'float16 float double uint32 uint64 int32 int64 bfloat16' } },
  ],
});
