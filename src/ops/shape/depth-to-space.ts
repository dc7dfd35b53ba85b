import { defineOp } from '../define.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { dimFloorDiv, dimMul } from '../helpers/dims.js';
import { reshaped, transposeTensor } from '../helpers/layout.js';
import type { InferContext, KernelContext } from '../types.js';

/** [N, C, H, W] -> [N, C/b², H*b, W*b]: depth moved into blocks (DCR: depth-column-row, or CRD). */
function inferDepthToSpace(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const b = ctx.attr.int('blocksize');
  if (b < 1) ctx.fail(`blocksize must be positive, got ${b}`);
  if (!x.shape) return [tensorType(x.elemType, [null, null, null, null])];
  if (x.shape.length !== 4) ctx.fail(`input must have rank 4, got ${x.shape.length}`);
  const [n, c, h, w] = x.shape;
  if (typeof c === 'number' && c % (b * b) !== 0) ctx.fail(`channels (${c}) must be a multiple of blocksize² (${b * b})`);
  return [tensorType(x.elemType, [n!, dimFloorDiv(c!, b * b), dimMul(h!, b), dimMul(w!, b)])];
}

function depthToSpaceKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  const b = ctx.attr.int('blocksize');
  if (x.rank !== 4) ctx.fail(`input must have rank 4, got ${x.rank}`);
  const [n, c, h, w] = x.dims as [number, number, number, number];
  if (b < 1 || c % (b * b) !== 0) ctx.fail(`channels (${c}) must be a multiple of blocksize² (${b * b})`);
  const c2 = c / (b * b);
  const crd = (ctx.attr.optString('mode') ?? 'DCR') === 'CRD';
  const t = crd
    ? transposeTensor(reshaped(x, [n, c2, b, b, h, w]), [0, 1, 4, 2, 5, 3])
    : transposeTensor(reshaped(x, [n, b, b, c2, h, w]), [0, 3, 4, 1, 5, 2]);
  return [reshaped(t, [n, c2, h * b, w * b])];
}

export default defineOp({
  opType: 'DepthToSpace',
  category: 'shape',
  infer: inferDepthToSpace,
  kernel: depthToSpaceKernel,
  flops: () => 0,
  versions: [
    { since: 1, inputs: 'input:T', outputs: 'output:T', attrs: { blocksize: 'int!' }, types: { T: '$all_v1' } },
    { since: 11, inputs: 'input:T', outputs: 'output:T', attrs: { blocksize: 'int!', mode: 'string=DCR' }, types: { T: '$all_v1' } },
    { since: 13, inputs: 'input:T', outputs: 'output:T', attrs: { blocksize: 'int!', mode: 'string=DCR' }, types: { T: '$all_v13' } },
  ],
});
