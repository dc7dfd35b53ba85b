import { defineOp } from '../define.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { castTensor } from '../helpers/cast.js';
import type { InferContext, KernelContext } from '../types.js';
import { castOptions, keepsDims } from './cast.js';

/** The shape of input 0 with the element type of `target_type`. */
function inferCastLike(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const to = ctx.input(1).elemType;
  if (x.symbolic && to && keepsDims(to)) ctx.setSymbolic(0, x.symbolic);
  return [tensorType(to, x.shape)];
}

function castLikeKernel(ctx: KernelContext) {
  return [castTensor(ctx.input(0), ctx.input(1).dtype, castOptions(ctx.attr), (m) => ctx.fail(m))];
}

export default defineOp({
  opType: 'CastLike',
  category: 'tensor',
  infer: inferCastLike,
  kernel: castLikeKernel,
  flops: () => 0,
  versions: [
    { since: 15, inputs: 'input:T1, target_type:T2', outputs: 'output:T2', types: { T1: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 bool string bfloat16', T2: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 bool string bfloat16' } },
    { since: 19, inputs: 'input:T1, target_type:T2', outputs: 'output:T2', attrs: { saturate: 'int=1' }, types: { T1: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 bool string bfloat16 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz', T2: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 bool string bfloat16 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz' } },
    { since: 21, inputs: 'input:T1, target_type:T2', outputs: 'output:T2', attrs: { saturate: 'int=1' }, types: { T1: '$all_real_v21', T2: '$all_real_v21' } },
    { since: 23, inputs: 'input:T1, target_type:T2', outputs: 'output:T2', attrs: { saturate: 'int=1' }, types: { T1: '$all_real_v23', T2: '$all_real_v23' } },
    { since: 24, inputs: 'input:T1, target_type:T2', outputs: 'output:T2', attrs: { round_mode: 'string=up', saturate: 'int=1' }, types: { T1: '$all_real_v24', T2: '$all_real_v24' } },
    { since: 25, inputs: 'input:T1, target_type:T2', outputs: 'output:T2', attrs: { round_mode: 'string=up', saturate: 'int=1' }, types: { T1: '$all_real_v25', T2: '$all_real_v25' } },
  ],
});
