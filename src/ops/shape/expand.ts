import { defineOp } from '../define.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { broadcastDims, broadcastStrides } from '../helpers/broadcast.js';
import { knownDims, staticLength, unknownDims } from '../helpers/const-input.js';
import { toInts } from '../helpers/convert.js';
import { axisTable, gatherByTables } from '../helpers/layout.js';
import type { InferContext, KernelContext } from '../types.js';

/** Broadcasts the input to `shape` (numpy rules: a 1 in either takes the other). */
function inferExpand(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const target = knownDims(ctx, 1);
  if (!target) {
    const n = staticLength(ctx, 1);
    if (n === undefined || !x.shape) return [tensorType(x.elemType)];
    return [tensorType(x.elemType, unknownDims(Math.max(n, x.shape.length)))];
  }
  if (!x.shape) return [tensorType(x.elemType)];
  const out = broadcastDims([x.shape, target], (m) => ctx.fail(m));
  // A broadcast dim value (a scalar expanded to [n]) keeps its symbolic elements.
  const n = out?.length === 1 ? out[0] : undefined;
  if (x.symbolic?.length === 1 && typeof n === 'number' && n <= 64) ctx.setSymbolic(0, new Array(n).fill(x.symbolic[0]));
  else if (x.symbolic && out && out.length <= 1 && x.rank === out.length) ctx.setSymbolic(0, x.symbolic);
  return [tensorType(x.elemType, out)];
}

function expandKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  const target = toInts(ctx.input(1));
  const rank = Math.max(x.rank, target.length);
  const xd = [...new Array<number>(rank - x.rank).fill(1), ...x.dims];
  const td = [...new Array<number>(rank - target.length).fill(1), ...target];
  const out = xd.map((d, i) => {
    const t = td[i]!;
    if (d !== t && d !== 1 && t !== 1) ctx.fail(`cannot expand [${x.dims.join(',')}] to [${target.join(',')}]`);
    return d === 1 ? t : d;
  });
  const strides = broadcastStrides(x.dims, out);
  return [gatherByTables(x, out, out.map((n, i) => axisTable(n, strides[i]!)))];
}

export default defineOp({
  opType: 'Expand',
  category: 'shape',
  infer: inferExpand,
  kernel: expandKernel,
  flops: () => 0,
  versions: [
    { since: 8, inputs: 'input:T, shape:tensor(int64)', outputs: 'output:T', types: { T: '$all_v1' } },
    { since: 13, inputs: 'input:T, shape:tensor(int64)', outputs: 'output:T', types: { T: '$all_v13' } },
  ],
});
