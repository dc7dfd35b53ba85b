import { defineOp } from '../define.js';
import { windowInfer, windowKernel } from '../helpers/window.js';

/** Blackman window, periodic or symmetric, of the given size. */
export default defineOp({
  opType: 'BlackmanWindow',
  category: 'signal',
  infer: windowInfer,
  kernel: windowKernel(0.42, 0.5, 0.08),
  versions: [
    { since: 17, inputs: 'size:T1', outputs: 'output:T2', attrs: { output_datatype: 'int=1', periodic: 'int=1' }, types: { T1: 'int32 int64', T2: '$numeric_v13' } },
  ],
});
