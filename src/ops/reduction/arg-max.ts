import { defineOp } from '../define.js';
import { argInfer, argKernel } from '../helpers/reduce.js';

/** Index of the largest element along an axis (first or last on ties). */
export default defineOp({
  opType: 'ArgMax',
  category: 'reduction',
  infer: argInfer,
  kernel: argKernel(true),
  versions: [
    { since: 1, inputs: 'data:T', outputs: 'reduced:tensor(int64)', attrs: { axis: 'int=0', keepdims: 'int=1' }, types: { T: '$numeric' } },
    { since: 11, inputs: 'data:T', outputs: 'reduced:tensor(int64)', attrs: { axis: 'int=0', keepdims: 'int=1' }, types: { T: '$numeric' } },
    { since: 12, inputs: 'data:T', outputs: 'reduced:tensor(int64)', attrs: { axis: 'int=0', keepdims: 'int=1', select_last_index: 'int=0' }, types: { T: '$numeric' } },
    { since: 13, inputs: 'data:T', outputs: 'reduced:tensor(int64)', attrs: { axis: 'int=0', keepdims: 'int=1', select_last_index: 'int=0' }, types: { T: '$numeric_v13' } },
  ],
});
