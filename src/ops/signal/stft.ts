import { defineOp } from '../define.js';

export default defineOp({
  opType: 'STFT',
  category: 'signal',
  versions: [
    { since: 17, inputs: 'signal:T1, frame_step:T2, window?:T1, frame_length?:T2', outputs: 'output:T1', attrs: { onesided: 'int=1' }, types: { T1: 'float float16 double bfloat16', T2: 'int32 int64' } },
  ],
});
