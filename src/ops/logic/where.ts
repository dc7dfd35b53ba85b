import { defineOp } from '../define.js';
import { allocData, DataType, dtypeInfo, dtypeName } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { broadcastDims } from '../helpers/broadcast.js';
import { broadcastPlan, elementwiseFlops } from '../helpers/elementwise-math.js';
import type { InferContext, KernelContext } from '../types.js';

/** Copies X where the condition holds and Y elsewhere; works on the stored form of any type. */
function where(ctx: KernelContext) {
  const c = ctx.input(0);
  const x = ctx.input(1);
  const y = ctx.input(2);
  if (c.dtype !== DataType.BOOL) ctx.fail(`condition must be bool, got ${dtypeName(c.dtype)}`);
  if (x.dtype !== y.dtype) ctx.fail(`X and Y must have one type, got ${dtypeName(x.dtype)} and ${dtypeName(y.dtype)}`);
  const { dims, size: n, index } = broadcastPlan(ctx, [c, x, y]);
  const [ic, ix, iy] = index;
  const cd = c.data() as Uint8Array;
  const xd = x.data();
  const yd = y.data();
  const out = allocData(x.dtype, n);
  const lanes = dtypeInfo(x.dtype).lanes;
  if (lanes === 1) {
    const o = out as unknown as unknown[];
    const xa = xd as unknown as ArrayLike<unknown>;
    const ya = yd as unknown as ArrayLike<unknown>;
    for (let i = 0; i < n; i++) o[i] = cd[ic ? ic[i]! : i] ? xa[ix ? ix[i]! : i] : ya[iy ? iy[i]! : i];
  } else {
    // Complex values: `lanes` numbers per element.
    const o = out as Float32Array;
    const xa = xd as Float32Array;
    const ya = yd as Float32Array;
    for (let i = 0; i < n; i++) {
      const src = cd[ic ? ic[i]! : i] ? xa : ya;
      const j = (cd[ic ? ic[i]! : i] ? (ix ? ix[i]! : i) : iy ? iy[i]! : i) * lanes;
      for (let k = 0; k < lanes; k++) o[i * lanes + k] = src[j + k]!;
    }
  }
  return [Tensor.fromData(x.dtype, dims, out)];
}

/** The broadcast of the three shapes, with X's (or Y's) element type; selects shape values too. */
function inferWhere(ctx: InferContext): (ValueType | undefined)[] {
  const shape = broadcastDims([ctx.input(0).shape, ctx.input(1).shape, ctx.input(2).shape], (m) => ctx.fail(m));
  const xt = ctx.input(1).elemType;
  const yt = ctx.input(2).elemType;
  if (xt && yt && xt !== yt) ctx.fail(`X and Y must have one type, got ${dtypeName(xt)} and ${dtypeName(yt)}`);
  inferSymbolicWhere(ctx);
  return [tensorType(xt || yt, shape)];
}

/** Where on shape values: when the condition is known and X or Y holds symbolic dims, so does the output. */
function inferSymbolicWhere(ctx: InferContext): void {
  const cond = ctx.input(0).value;
  const c = cond && cond.dtype === DataType.BOOL && cond.rank <= 1 ? Array.from(cond.data() as Uint8Array) : ctx.input(0).symbolic;
  const x = ctx.input(1).symbolic;
  const y = ctx.input(2).symbolic;
  if (!c || !x || !y) return;
  if (x.every((d) => typeof d === 'number') && y.every((d) => typeof d === 'number') && cond) return; // folded
  const n = Math.max(c.length, x.length, y.length);
  if ([c, x, y].some((a) => a.length !== n && a.length !== 1)) return;
  const out: Dim[] = [];
  for (let i = 0; i < n; i++) {
    const ci = c[c.length === 1 ? 0 : i]!;
    out.push(typeof ci === 'number' ? (ci ? x[x.length === 1 ? 0 : i]! : y[y.length === 1 ? 0 : i]!) : null);
  }
  ctx.setSymbolic(0, out);
}

/** output = condition ? X : Y elementwise, with numpy broadcasting of all three inputs. */
export default defineOp({
  opType: 'Where',
  category: 'logic',
  traits: ['elementwise'],
  infer: inferWhere,
  kernel: where,
  flops: elementwiseFlops,
  versions: [
    { since: 9, inputs: 'condition:B, X:T, Y:T', outputs: 'output:T', types: { B: 'bool', T: '$all_v1' } },
    { since: 16, inputs: 'condition:B, X:T, Y:T', outputs: 'output:T', types: { B: 'bool', T: '$all_v13' } },
  ],
});
