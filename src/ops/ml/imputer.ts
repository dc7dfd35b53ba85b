import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { sameAsInput } from '../helpers/elementwise.js';
import { encodeFloats, toFloat64 } from '../helpers/convert.js';
import type { KernelContext } from '../types.js';

function imputerKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  const floats = x.dtype === DataType.FLOAT || x.dtype === DataType.DOUBLE;
  const values = floats ? ctx.attr.optFloats('imputed_value_floats') : ctx.attr.optInts('imputed_value_int64s');
  if (!values || values.length === 0) ctx.fail(`imputed_value_${floats ? 'floats' : 'int64s'} is required for ${floats ? 'float' : 'integer'} input`);
  const f = x.rank === 0 ? 1 : x.dims[x.rank - 1]!;
  if (values.length !== 1 && values.length !== f) ctx.fail(`has ${values.length} imputed values for ${f} features`);
  const one = values.length === 1;
  if (x.dtype === DataType.INT64) {
    const replaced = BigInt(ctx.attr.int('replaced_value_int64'));
    const d = x.data() as BigInt64Array;
    const out = new BigInt64Array(d.length);
    for (let i = 0; i < d.length; i++) out[i] = d[i] === replaced ? BigInt(values[one ? 0 : i % f]!) : d[i]!;
    return [Tensor.fromData(x.dtype, x.dims, out)];
  }
  const replaced = floats ? ctx.attr.float('replaced_value_float') : ctx.attr.int('replaced_value_int64');
  const nan = Number.isNaN(replaced);
  const d = toFloat64(x);
  const out = new Float64Array(d.length);
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    out[i] = (nan ? Number.isNaN(v) : v === replaced) ? values[one ? 0 : i % f]! : v;
  }
  return [Tensor.fromData(x.dtype, x.dims, encodeFloats(x.dtype, out))];
}

/** Replaces elements equal to the replaced value (NaN matches NaN) by the imputed value of their feature (last axis). */
export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'Imputer',
  category: 'ml',
  infer: sameAsInput,
  kernel: imputerKernel,
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { imputed_value_floats: 'floats', imputed_value_int64s: 'ints', replaced_value_float: 'float=0.0', replaced_value_int64: 'int=0' }, types: { T: 'float double int64 int32' } },
  ],
});
