import { defineOp } from '../define.js';
import { DataType, dtypeInfo, dtypeName } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { elementwiseInfer, withLegacyBroadcast } from '../helpers/elementwise.js';
import { broadcastPlan, elementwiseFlops, legacyInfer } from '../helpers/elementwise-math.js';
import { encodeFloats, isNarrowFloat, toFloat, toFloat64 } from '../helpers/convert.js';
import type { KernelContext } from '../types.js';

/** Z = X ^ Y with numpy broadcasting; Z has X's type, Y may have another numeric type (opset 12+). */
function pow(ctx: KernelContext) {
  const x = ctx.input(0);
  const y = ctx.input(1);
  const { dims, size: n, index } = broadcastPlan(ctx, [x, y]);
  const ix = index[0];
  const iy = index[1];
  const xt = x.dtype;
  const yInfo = dtypeInfo(y.dtype);
  if (!yInfo.array || yInfo.lanes !== 1 || y.dtype === DataType.BOOL) ctx.fail(`exponent of type ${dtypeName(y.dtype)} is not numeric`);
  if (xt === DataType.INT32 || xt === DataType.INT64) {
    if (yInfo.isFloat) {
      // An integer base with a float exponent: pow in float64, then a C-like cast.
      const xd = toFloat64(x);
      const yd = toFloat64(y);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = cpow(xd[ix ? ix[i]! : i]!, yd[iy ? iy[i]! : i]!);
      return [Tensor.fromData(xt, dims, encodeFloats(xt, out))];
    }
    if (xt === DataType.INT32) {
      const xd = x.data() as Int32Array;
      const out = new Int32Array(n);
      const yd = y.data();
      if (yd instanceof BigInt64Array || yd instanceof BigUint64Array) {
        for (let i = 0; i < n; i++) out[i] = ipow32(xd[ix ? ix[i]! : i]!, exponent32(yd[iy ? iy[i]! : i]!));
      } else {
        const ye = yd as Int32Array;
        for (let i = 0; i < n; i++) out[i] = ipow32(xd[ix ? ix[i]! : i]!, ye[iy ? iy[i]! : i]!);
      }
      return [Tensor.fromData(xt, dims, out)];
    }
    const xd = x.data() as BigInt64Array;
    const out = new BigInt64Array(n);
    const yd = y.data();
    if (yd instanceof BigInt64Array || yd instanceof BigUint64Array) {
      for (let i = 0; i < n; i++) out[i] = ipow64(xd[ix ? ix[i]! : i]!, yd[iy ? iy[i]! : i]!);
    } else {
      const ye = yd as Int32Array;
      for (let i = 0; i < n; i++) out[i] = ipow64(xd[ix ? ix[i]! : i]!, BigInt(ye[iy ? iy[i]! : i]!));
    }
    return [Tensor.fromData(xt, dims, out)];
  }
  if (!dtypeInfo(xt).isFloat) ctx.fail(`base of type ${dtypeName(xt)} is not supported`);
  const xd = toFloat(x);
  const yd = toFloat64(y);
  const out = xt === DataType.DOUBLE ? new Float64Array(n) : new Float32Array(n);
  if (y.size === 1 && yd[0] === 2) {
    // Squaring (LayerNorm and variance decompositions): x*x is the correctly rounded x^2.
    for (let i = 0; i < n; i++) {
      const v = xd[ix ? ix[i]! : i]!;
      out[i] = v * v;
    }
  } else {
    for (let i = 0; i < n; i++) out[i] = cpow(xd[ix ? ix[i]! : i]!, yd[iy ? iy[i]! : i]!);
  }
  return [Tensor.fromData(xt, dims, isNarrowFloat(xt) ? encodeFloats(xt, out) : out)];
}

/** C's pow: unlike Math.pow, 1^y = 1 for every y (NaN included) and (-1)^±inf = 1. */
function cpow(a: number, b: number): number {
  if (a === 1 || (a === -1 && (b === Infinity || b === -Infinity))) return 1;
  return Math.pow(a, b);
}

/** An integer power modulo 2^32 by squaring; a negative exponent gives 1/a^|e| truncated. */
function ipow32(a: number, e: number): number {
  if (e < 0) return a === 1 ? 1 : a === -1 ? (e % 2 === 0 ? 1 : -1) : 0;
  let r = 1;
  let b = a;
  while (e > 0) {
    if (e % 2 === 1) r = Math.imul(r, b);
    b = Math.imul(b, b);
    e = Math.floor(e / 2);
  }
  return r;
}

/**
 * A 64-bit exponent for a 32-bit base: powers mod 2^32 repeat with period 2^30 for odd bases and
 * are 0 from exponent 32 on for even ones, so a huge exponent can be reduced exactly.
 */
function exponent32(e: bigint): number {
  if (e > 0x7fffffffn) return Number(e % 0x40000000n) + 0x40000000;
  if (e < -0x80000000n) return e % 2n === 0n ? -2 : -1;
  return Number(e);
}

/** An int64 power modulo 2^64 by squaring; a negative exponent gives 1/a^|e| truncated. */
function ipow64(a: bigint, e: bigint): bigint {
  if (e < 0n) return a === 1n ? 1n : a === -1n ? (e % 2n === 0n ? 1n : -1n) : 0n;
  let r = 1n;
  let b = a;
  while (e > 0n) {
    if (e & 1n) r = BigInt.asIntN(64, r * b);
    b = BigInt.asIntN(64, b * b);
    e >>= 1n;
  }
  return r;
}

const inferPow = elementwiseInfer();

/** Z = X ^ Y (C's pow; integer bases exact, wrapping), with numpy broadcasting (limited before opset 7). */
export default defineOp({
  opType: 'Pow',
  category: 'math',
  traits: ['elementwise'],
  infer: inferPow,
  kernel: pow,
  flops: elementwiseFlops,
  versions: [
    { since: 1, inputs: 'X:T, Y:T', outputs: 'Z:T', attrs: { axis: 'int', broadcast: 'int=0' }, types: { T: 'float16 float double' }, infer: legacyInfer(), kernel: withLegacyBroadcast(pow) },
    { since: 7, inputs: 'X:T, Y:T', outputs: 'Z:T', types: { T: 'float16 float double' } },
    { since: 12, inputs: 'X:T, Y:T1', outputs: 'Z:T', types: { T: 'int32 int64 float16 float double', T1: '$numeric' } },
    { since: 13, inputs: 'X:T, Y:T1', outputs: 'Z:T', types: { T: 'int32 int64 float16 float double bfloat16', T1: '$numeric' } },
    { since: 15, inputs: 'X:T, Y:T1', outputs: 'Z:T', types: { T: 'int32 int64 float16 float double bfloat16', T1: '$numeric_v13' } },
  ],
});
