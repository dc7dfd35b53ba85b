import { defineOp } from '../define.js';

export default defineOp({
  opType: 'MelWeightMatrix',
  category: 'signal',
  versions: [
    { since: 17, inputs: 'num_mel_bins:T1, dft_length:T1, sample_rate:T1, lower_edge_hertz:T2, upper_edge_hertz:T2', outputs: 'output:T3', attrs: { output_datatype: 'int=1' }, types: { T1: 'int32 int64', T2: 'float float16 double bfloat16', T3: '$numeric_v13' } },
  ],
});
