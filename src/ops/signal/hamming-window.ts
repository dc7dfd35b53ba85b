import { defineOp } from '../define.js';

export default defineOp({
  opType: 'HammingWindow',
  category: 'signal',
  versions: [
    { since: 17, inputs: 'size:T1', outputs: 'output:T2', attrs: { output_datatype: 'int=1', periodic: 'int=1' }, types: { T1: 'int32 int64', T2: '$numeric_v13' } },
  ],
});
