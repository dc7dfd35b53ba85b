import { defineOp } from '../define.js';

export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'Imputer',
  category: 'ml',
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { imputed_value_floats: 'floats', imputed_value_int64s: 'ints', replaced_value_float: 'float=0.0', replaced_value_int64: 'int=0' }, types: { T: 'float double int64 int32' } },
  ],
});
