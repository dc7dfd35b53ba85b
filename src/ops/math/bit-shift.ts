import { defineOp } from '../define.js';
import { DataType, dtypeInfo, dtypeName } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { broadcastPlan, elementwiseFlops, sharedTypeInfer } from '../helpers/elementwise-math.js';
import type { InferContext, KernelContext } from '../types.js';

function direction(ctx: { attr: { string(name: string): string }; fail(m: string): never }): 'LEFT' | 'RIGHT' {
  const d = ctx.attr.string('direction');
  if (d !== 'LEFT' && d !== 'RIGHT') ctx.fail(`direction must be "LEFT" or "RIGHT", got "${d}"`);
  return d;
}

/** Z = X << Y or X >> Y on unsigned integers; a shift by the bit width or more gives 0. */
function bitShift(ctx: KernelContext) {
  const left = direction(ctx) === 'LEFT';
  const x = ctx.input(0);
  const y = ctx.input(1);
  if (x.dtype !== y.dtype) ctx.fail(`X and Y must have one type, got ${dtypeName(x.dtype)} and ${dtypeName(y.dtype)}`);
  const { dims, size: n, index } = broadcastPlan(ctx, [x, y]);
  const ix = index[0];
  const iy = index[1];
  if (x.dtype === DataType.UINT64) {
    const xd = x.data() as BigUint64Array;
    const yd = y.data() as BigUint64Array;
    const out = new BigUint64Array(n);
    for (let i = 0; i < n; i++) {
      const s = yd[iy ? iy[i]! : i]!;
      const v = xd[ix ? ix[i]! : i]!;
      out[i] = s >= 64n ? 0n : left ? v << s : v >> s;
    }
    return [Tensor.fromData(x.dtype, dims, out)];
  }
  const info = dtypeInfo(x.dtype);
  if (!info.isInt || info.isSigned || !info.array || info.bits < 8) ctx.fail(`does not apply to ${dtypeName(x.dtype)}`);
  const bits = info.bits;
  const xd = x.data() as Uint32Array;
  const yd = y.data() as Uint32Array;
  const out = new info.array(n) as Uint32Array;
  // Stores into the unsigned array keep the low `bits` bits of a left shift.
  if (left) {
    for (let i = 0; i < n; i++) {
      const s = yd[iy ? iy[i]! : i]!;
      out[i] = s >= bits ? 0 : xd[ix ? ix[i]! : i]! << s;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const s = yd[iy ? iy[i]! : i]!;
      out[i] = s >= bits ? 0 : xd[ix ? ix[i]! : i]! >>> s;
    }
  }
  return [Tensor.fromData(x.dtype, dims, out)];
}

const broadcastInfer = sharedTypeInfer();

function inferBitShift(ctx: InferContext) {
  direction(ctx);
  return broadcastInfer(ctx);
}

/** Elementwise bit shift of unsigned integers (direction LEFT or RIGHT), with numpy broadcasting. */
export default defineOp({
  opType: 'BitShift',
  category: 'math',
  traits: ['elementwise'],
  infer: inferBitShift,
  kernel: bitShift,
  flops: elementwiseFlops,
  versions: [
    { since: 11, inputs: 'X:T, Y:T', outputs: 'Z:T', attrs: { direction: 'string!' }, types: { T: 'uint8 uint16 uint32 uint64' } },
  ],
});
