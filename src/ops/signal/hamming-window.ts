import { defineOp } from '../define.js';
import { windowInfer, windowKernel } from '../helpers/window.js';

/** Hamming window (alpha = 25/46), periodic or symmetric, of the given size. */
export default defineOp({
  opType: 'HammingWindow',
  category: 'signal',
  infer: windowInfer,
  kernel: windowKernel(25 / 46, 21 / 46, 0),
  versions: [
    { since: 17, inputs: 'size:T1', outputs: 'output:T2', attrs: { output_datatype: 'int=1', periodic: 'int=1' }, types: { T1: 'int32 int64', T2: '$numeric_v13' } },
  ],
});
