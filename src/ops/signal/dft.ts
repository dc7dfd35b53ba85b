import { defineOp } from '../define.js';

export default defineOp({
  opType: 'DFT',
  category: 'signal',
  versions: [
    { since: 17, inputs: 'input:T1, dft_length?:T2', outputs: 'output:T1', attrs: { axis: 'int=1', inverse: 'int=0', onesided: 'int=0' }, types: { T1: 'float16 float double bfloat16', T2: 'int32 int64' } },
    { since: 20, inputs: 'input:T1, dft_length?:T2, axis?:tensor(int64)', outputs: 'output:T1', attrs: { inverse: 'int=0', onesided: 'int=0' }, types: { T1: 'bfloat16 float16 float double', T2: 'int32 int64' } },
  ],
});
