import { defineOp } from '../define.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { dimFloorDiv, dimMul } from '../helpers/dims.js';
import { reshaped, transposeTensor } from '../helpers/layout.js';
import type { InferContext, KernelContext } from '../types.js';

/** [N, C, H, W] -> [N, C*b², H/b, W/b]: blocks of space moved into depth. */
function inferSpaceToDepth(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const b = ctx.attr.int('blocksize');
  if (b < 1) ctx.fail(`blocksize must be positive, got ${b}`);
  if (!x.shape) return [tensorType(x.elemType, [null, null, null, null])];
  if (x.shape.length !== 4) ctx.fail(`input must have rank 4, got ${x.shape.length}`);
  const [n, c, h, w] = x.shape;
  for (const d of [h, w]) if (typeof d === 'number' && d % b !== 0) ctx.fail(`spatial dims [${h}, ${w}] must be multiples of blocksize ${b}`);
  return [tensorType(x.elemType, [n!, dimMul(c!, b * b), dimFloorDiv(h!, b), dimFloorDiv(w!, b)])];
}

function spaceToDepthKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  const b = ctx.attr.int('blocksize');
  if (x.rank !== 4) ctx.fail(`input must have rank 4, got ${x.rank}`);
  const [n, c, h, w] = x.dims as [number, number, number, number];
  if (b < 1 || h % b !== 0 || w % b !== 0) ctx.fail(`spatial dims [${h}, ${w}] must be multiples of blocksize ${b}`);
  const t = transposeTensor(reshaped(x, [n, c, h / b, b, w / b, b]), [0, 3, 5, 1, 2, 4]);
  return [reshaped(t, [n, c * b * b, h / b, w / b])];
}

export default defineOp({
  opType: 'SpaceToDepth',
  category: 'shape',
  infer: inferSpaceToDepth,
  kernel: spaceToDepthKernel,
  flops: () => 0,
  versions: [
    { since: 1, inputs: 'input:T', outputs: 'output:T', attrs: { blocksize: 'int!' }, types: { T: '$all_v1' } },
    { since: 13, inputs: 'input:T', outputs: 'output:T', attrs: { blocksize: 'int!' }, types: { T: '$all_v13' } },
  ],
});
