import { defineOp } from '../define.js';
import { inferScatterElements, scatterElementsKernel } from './scatter-elements.js';

/** The predecessor of ScatterElements (same semantics, no reduction); deprecated in opset 11. */
export default defineOp({
  opType: 'Scatter',
  category: 'tensor',
  infer: inferScatterElements,
  kernel: scatterElementsKernel,
  flops: () => 0,
  versions: [
    { since: 9, inputs: 'data:T, indices:Tind, updates:T', outputs: 'output:T', attrs: { axis: 'int=0' }, types: { T: '$all_v1', Tind: 'int32 int64' } },
    { since: 11, deprecated: true, inputs: '', outputs: '' },
  ],
});
