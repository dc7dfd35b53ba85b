import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import type { ValueType } from '../../ir/types.js';
import { densify } from '../helpers/sparse.js';
import type { AttrReader } from '../attr-reader.js';
import type { InferContext, KernelContext } from '../types.js';


/** The value a Constant holds, from whichever of its attributes is set (exactly one must be). */
function constantValue(attr: AttrReader, fail: (m: string) => never): Tensor {
  const set = ['value', 'sparse_value', 'value_float', 'value_floats', 'value_int', 'value_ints', 'value_string', 'value_strings'].filter((a) =>
    attr.has(a),
  );
  if (set.length !== 1) fail(set.length ? `sets ${set.join(', ')}; exactly one value attribute is allowed` : 'has no value attribute');
  switch (set[0]) {
    case 'value':
      return attr.tensor('value');
    case 'sparse_value':
      return densify(attr.optSparseTensor('sparse_value')!);
    case 'value_float':
      return Tensor.fromData(DataType.FLOAT, [], Float32Array.of(attr.float('value_float')));
    case 'value_floats': {
      const v = attr.floats('value_floats');
      return Tensor.fromData(DataType.FLOAT, [v.length], Float32Array.from(v));
    }
    case 'value_int':
      return Tensor.fromData(DataType.INT64, [], BigInt64Array.of(BigInt(attr.int('value_int'))));
    case 'value_ints': {
      const v = attr.ints('value_ints');
      return Tensor.fromData(DataType.INT64, [v.length], BigInt64Array.from(v, (x) => BigInt(x)));
    }
    case 'value_string':
      return Tensor.fromData(DataType.STRING, [], [attr.string('value_string')]);
    default: {
      const v = attr.strings('value_strings');
      return Tensor.fromData(DataType.STRING, [v.length], [...v]);
    }
  }
}

function inferConstant(ctx: InferContext): (ValueType | undefined)[] {
  const t = constantValue(ctx.attr, (m) => ctx.fail(m));
  return [{ kind: 'tensor', elemType: t.dtype, shape: [...t.dims] }];
}

function constantKernel(ctx: KernelContext) {
  return [constantValue(ctx.attr, (m) => ctx.fail(m))];
}

export default defineOp({
  opType: 'Constant',
  category: 'tensor',
  infer: inferConstant,
  kernel: constantKernel,
  versions: [
    { since: 1, inputs: '', outputs: 'output:T', attrs: { value: 'tensor!' }, types: { T: 'float16 float double' } },
    { since: 9, inputs: '', outputs: 'output:T', attrs: { value: 'tensor!' }, types: { T: '$all_v1' } },
    { since: 11, inputs: '', outputs: 'output:T', attrs: { sparse_value: 'sparse_tensor', value: 'tensor' }, types: { T: '$all_v1' } },
    { since: 12, inputs: '', outputs: 'output:T', attrs: { sparse_value: 'sparse_tensor', value: 'tensor', value_float: 'float', value_floats: 'floats', value_int: 'int', value_ints: 'ints', value_string: 'string', value_strings: 'strings' }, types: { T: '$all_v1' } },
    { since: 13, inputs: '', outputs: 'output:T', attrs: { sparse_value: 'sparse_tensor', value: 'tensor', value_float: 'float', value_floats: 'floats', value_int: 'int', value_ints: 'ints', value_string: 'string', value_strings: 'strings' }, types: { T: '$all_v13' } },
    { since: 19, inputs: '', outputs: 'output:T', attrs: { sparse_value: 'sparse_tensor', value: 'tensor', value_float: 'float', value_floats: 'floats', value_int: 'int', value_ints: 'ints', value_string: 'string', value_strings: 'strings' }, types: { T: '$all_v19' } },
    { since: 21, inputs: '', outputs: 'output:T', attrs: { sparse_value: 'sparse_tensor', value: 'tensor', value_float: 'float', value_floats: 'floats', value_int: 'int', value_ints: 'ints', value_string: 'string', value_strings: 'strings' }, types: { T: '$all_v21' } },
    { since: 23, inputs: '', outputs: 'output:T', attrs: { sparse_value: 'sparse_tensor', value: 'tensor', value_float: 'float', value_floats: 'floats', value_int: 'int', value_ints: 'ints', value_string: 'string', value_strings: 'strings' }, types: { T: '$all_v23' } },
    { since: 24, inputs: '', outputs: 'output:T', attrs: { sparse_value: 'sparse_tensor', value: 'tensor', value_float: 'float', value_floats: 'floats', value_int: 'int', value_ints: 'ints', value_string: 'string', value_strings: 'strings' }, types: { T: '$all_v24' } },
    { since: 25, inputs: '', outputs: 'output:T', attrs: { sparse_value: 'sparse_tensor', value: 'tensor', value_float: 'float', value_floats: 'floats', value_int: 'int', value_ints: 'ints', value_string: 'string', value_strings: 'strings' }, types: { T: '$all_v25' } },
  ],
});
