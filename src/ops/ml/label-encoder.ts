import { defineOp } from '../define.js';

export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'LabelEncoder',
  category: 'ml',
  versions: [
    { since: 1, inputs: 'X:T1', outputs: 'Y:T2', attrs: { classes_strings: 'strings', default_int64: 'int=-1', default_string: 'string=_Unused' }, types: { T1: 'string int64', T2: 'string int64' } },
    { since: 2, inputs: 'X:T1', outputs: 'Y:T2', attrs: { default_float: 'float=-0.0', default_int64: 'int=-1', default_string: 'string=_Unused', keys_floats: 'floats', keys_int64s: 'ints', keys_strings: 'strings', values_floats: 'floats', values_int64s: 'ints', values_strings: 'strings' }, types: { T1: 'string int64 float', T2: 'string int64 float' } },
    { since: 4, inputs: 'X:T1', outputs: 'Y:T2', attrs: { default_float: 'float=-0.0', default_int64: 'int=-1', default_string: 'string=_Unused', default_tensor: 'tensor', keys_floats: 'floats', keys_int64s: 'ints', keys_strings: 'strings', keys_tensor: 'tensor', values_floats: 'floats', values_int64s: 'ints', values_strings: 'strings', values_tensor: 'tensor' }, types: { T1: 'string int64 float int32 int16 double', T2: 'string int64 float int32 int16 double' } },
  ],
});
