import { defineOp } from '../define.js';
import { dtypeInfo, dtypeName } from '../../ir/dtype.js';
import { binaryKernel } from '../helpers/elementwise.js';
import { elementwiseFlops, sharedTypeInfer } from '../helpers/elementwise-math.js';
import type { InferContext, KernelContext } from '../types.js';

/** fmod=0: Python's % (the result takes the divisor's sign); x % 0 on integers gives 0. */
const floorMod = binaryKernel({
  num: (a, b) => {
    const r = a % b;
    return r !== 0 && r < 0 !== b < 0 ? r + b : r;
  },
  big: (a, b) => {
    if (b === 0n) return 0n;
    const r = a % b;
    return r !== 0n && r < 0n !== b < 0n ? r + b : r;
  },
});

/** fmod=1: C's fmod (the result takes the dividend's sign); JS % is exactly that. */
const truncMod = binaryKernel({ num: (a, b) => a % b, big: (a, b) => (b === 0n ? 0n : a % b) });

function mod(ctx: KernelContext) {
  const t = ctx.input(0).dtype;
  const fmod = ctx.attr.int('fmod');
  if (fmod !== 0 && fmod !== 1) ctx.fail(`fmod must be 0 or 1, got ${fmod}`);
  if (fmod === 1) return truncMod(ctx);
  if (dtypeInfo(t).isFloat) ctx.fail(`fmod=0 applies to integers only, got ${dtypeName(t)} (set fmod=1)`);
  return floorMod(ctx);
}

const broadcastInfer = sharedTypeInfer();

function inferMod(ctx: InferContext) {
  const fmod = ctx.attr.int('fmod');
  if (fmod !== 0 && fmod !== 1) ctx.fail(`fmod must be 0 or 1, got ${fmod}`);
  const t = ctx.input(0).elemType;
  if (fmod === 0 && dtypeInfo(t).isFloat) ctx.fail(`fmod=0 applies to integers only, got ${dtypeName(t)} (set fmod=1)`);
  return broadcastInfer(ctx);
}

/** C = A mod B, with numpy broadcasting: Python semantics (fmod=0, integers) or C fmod (fmod=1). */
export default defineOp({
  opType: 'Mod',
  category: 'math',
  traits: ['elementwise'],
  infer: inferMod,
  kernel: mod,
  flops: elementwiseFlops,
  versions: [
    { since: 10, inputs: 'A:T, B:T', outputs: 'C:T', attrs: { fmod: 'int=0' }, types: { T: '$numeric' } },
    { since: 13, inputs: 'A:T, B:T', outputs: 'C:T', attrs: { fmod: 'int=0' }, types: { T: '$numeric_v13' } },
  ],
});
