import { defineOp } from '../define.js';

export default defineOp({
  opType: 'BatchNormalization',
  category: 'normalization',
  versions: [
    { since: 1, inputs: 'X:T, scale:T, B:T, mean:T, var:T', outputs: 'Y:T, mean?:T, var?:T, saved_mean?:T, saved_var?:T', attrs: { consumed_inputs: 'ints!', epsilon: 'float=1e-05', is_test: 'int=0', momentum: 'float=0.9', spatial: 'int=1' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'X:T, scale:T, B:T, mean:T, var:T', outputs: 'Y:T, mean?:T, var?:T, saved_mean?:T, saved_var?:T', attrs: { epsilon: 'float=1e-05', is_test: 'int=0', momentum: 'float=0.9', spatial: 'int=1' }, types: { T: 'float16 float double' } },
    { since: 7, inputs: 'X:T, scale:T, B:T, mean:T, var:T', outputs: 'Y:T, mean?:T, var?:T, saved_mean?:T, saved_var?:T', attrs: { epsilon: 'float=1e-05', momentum: 'float=0.9', spatial: 'int=1' }, types: { T: 'float16 float double' } },
    { since: 9, inputs: 'X:T, scale:T, B:T, mean:T, var:T', outputs: 'Y:T, mean?:T, var?:T, saved_mean?:T, saved_var?:T', attrs: { epsilon: 'float=1e-05', momentum: 'float=0.9' }, types: { T: 'float16 float double' } },
    { since: 14, inputs: 'X:T, scale:T, B:T, input_mean:U, input_var:U', outputs: 'Y:T, running_mean?:U, running_var?:U', attrs: { epsilon: 'float=1e-05', momentum: 'float=0.9', training_mode: 'int=0' }, types: { T: 'float16 float double bfloat16', U: 'float16 float double bfloat16' } },
    { since: 15, inputs: 'X:T, scale:T1, B:T1, input_mean:T2, input_var:T2', outputs: 'Y:T, running_mean?:T2, running_var?:T2', attrs: { epsilon: 'float=1e-05', momentum: 'float=0.9', training_mode: 'int=0' }, types: { T: 'float16 float double bfloat16', T1: 'float16 float double bfloat16', T2: 'float16 float double bfloat16' } },
  ],
});
