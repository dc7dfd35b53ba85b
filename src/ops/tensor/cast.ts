import { defineOp } from '../define.js';
import { DataType, dtypeInfo, isKnownDataType, parseDtype } from '../../ir/dtype.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { castTensor, isCastable, type CastOptions } from '../helpers/cast.js';
import type { AttrReader } from '../attr-reader.js';
import type { InferContext, KernelContext } from '../types.js';

/** The target type: `to` as a DataType number, or (Cast-1) as a name such as "FLOAT". */
function targetType(attr: AttrReader, byName: boolean, fail: (m: string) => never): DataType {
  if (byName) {
    const name = attr.string('to');
    const t = (DataType as unknown as Record<string, DataType | undefined>)[name.toUpperCase()] ?? parseDtype(name);
    if (t === undefined || !isCastable(t)) return fail(`"to" names no castable type: "${name}"`);
    return t;
  }
  const to = attr.int('to');
  if (!isKnownDataType(to) || !isCastable(to)) return fail(`"to" is ${to}, not a castable data type`);
  return to;
}

/** saturate / round_mode where the version has them. */
export function castOptions(attr: AttrReader): CastOptions {
  const sat = attr.optInt('saturate');
  const mode = attr.optString('round_mode');
  return {
    saturate: sat === undefined ? true : sat !== 0,
    roundMode: mode === 'down' || mode === 'nearest' ? mode : 'up',
  };
}

/** Whether symbolic dims survive a cast to `t` (integer targets only). */
export function keepsDims(t: DataType): boolean {
  return dtypeInfo(t).isInt && dtypeInfo(t).bits >= 32;
}

/** Same shape, element type `to`; dim values (from Shape) pass through integer casts. */
function castInfer(byName: boolean) {
  return function inferCast(ctx: InferContext): (ValueType | undefined)[] {
    const x = ctx.input(0);
    const to = targetType(ctx.attr, byName, (m) => ctx.fail(m));
    if (x.symbolic && keepsDims(to)) ctx.setSymbolic(0, x.symbolic);
    return [tensorType(to, x.shape)];
  };
}

function castKernel(byName: boolean) {
  return function cast(ctx: KernelContext) {
    const to = targetType(ctx.attr, byName, (m) => ctx.fail(m));
    return [castTensor(ctx.input(0), to, castOptions(ctx.attr), (m) => ctx.fail(m))];
  };
}

export default defineOp({
  opType: 'Cast',
  category: 'tensor',
  traits: ['elementwise'],
  infer: castInfer(false),
  kernel: castKernel(false),
  flops: () => 0,
  versions: [
    { since: 1, inputs: 'input:T1', outputs: 'output:T2', attrs: { to: 'string!' }, types: { T1: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 bool', T2: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 bool' }, infer: castInfer(true), kernel: castKernel(true) },
    { since: 6, inputs: 'input:T1', outputs: 'output:T2', attrs: { to: 'int!' }, types: { T1: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 bool', T2: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 bool' } },
    { since: 9, inputs: 'input:T1', outputs: 'output:T2', attrs: { to: 'int!' }, types: { T1: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 bool string', T2: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 bool string' } },
    { since: 13, inputs: 'input:T1', outputs: 'output:T2', attrs: { to: 'int!' }, types: { T1: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 bool string bfloat16', T2: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 bool string bfloat16' } },
    { since: 19, inputs: 'input:T1', outputs: 'output:T2', attrs: { saturate: 'int=1', to: 'int!' }, types: { T1: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 bool string bfloat16 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz', T2: 'float16 float double int8 int16 int32 int64 uint8 uint16 uint32 uint64 bool string bfloat16 float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz' } },
    { since: 21, inputs: 'input:T1', outputs: 'output:T2', attrs: { saturate: 'int=1', to: 'int!' }, types: { T1: '$all_real_v21', T2: '$all_real_v21' } },
    { since: 23, inputs: 'input:T1', outputs: 'output:T2', attrs: { saturate: 'int=1', to: 'int!' }, types: { T1: '$all_real_v23', T2: '$all_real_v23' } },
    { since: 24, inputs: 'input:T1', outputs: 'output:T2', attrs: { round_mode: 'string=up', saturate: 'int=1', to: 'int!' }, types: { T1: '$all_real_v24', T2: '$all_real_v24' } },
    { since: 25, inputs: 'input:T1', outputs: 'output:T2', attrs: { round_mode: 'string=up', saturate: 'int=1', to: 'int!' }, types: { T1: '$all_real_v25', T2: '$all_real_v25' } },
  ],
});
