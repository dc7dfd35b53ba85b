import { defineOp } from '../define.js';

export default defineOp({
  opType: 'Dropout',
  category: 'nn',
  versions: [
    { since: 1, inputs: 'data:T', outputs: 'output:T, mask?:T', attrs: { consumed_inputs: 'ints', is_test: 'int=0', ratio: 'float=0.5' }, types: { T: 'float16 float double' } },
    { since: 6, inputs: 'data:T', outputs: 'output:T, mask?:T', attrs: { is_test: 'int=0', ratio: 'float=0.5' }, types: { T: 'float16 float double' } },
    { since: 7, inputs: 'data:T', outputs: 'output:T, mask?:T', attrs: { ratio: 'float=0.5' }, types: { T: 'float16 float double' } },
    { since: 10, inputs: 'data:T', outputs: 'output:T, mask?:T1', attrs: { ratio: 'float=0.5' }, types: { T: 'float16 float double', T1: 'bool' } },
    { since: 12, inputs: 'data:T, ratio?:T1, training_mode?:T2', outputs: 'output:T, mask?:T2', attrs: { seed: 'int' }, types: { T: 'float16 float double', T1: 'float16 float double', T2: 'bool' } },
    { since: 13, inputs: 'data:T, ratio?:T1, training_mode?:T2', outputs: 'output:T, mask?:T2', attrs: { seed: 'int' }, types: { T: 'float16 float double bfloat16', T1: 'float16 float double', T2: 'bool' } },
    { since: 22, inputs: 'data:T, ratio?:T1, training_mode?:T2', outputs: 'output:T, mask?:T2', attrs: { seed: 'int' }, types: { T: 'bfloat16 float16 float double float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz', T1: 'bfloat16 float16 float double float8e4m3fn float8e4m3fnuz float8e5m2 float8e5m2fnuz', T2: 'bool' } },
  ],
});
