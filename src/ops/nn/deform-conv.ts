import { defineOp } from '../define.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { convFlops, inferConvShape, readWindowAttrs, windowGeometry } from '../helpers/conv-pool.js';
import { gemmNT, sameKind, type FloatArray } from '../helpers/conv-kernel.js';
import { tensorFromFloats, toFloat } from '../helpers/convert.js';
import { dimConflicts, dimMul } from '../helpers/dims.js';
import type { InferContext, KernelContext } from '../types.js';

/**
 * Deformable convolution: each kernel tap samples X (N-linear interpolation, zeros outside)
 * at its regular position plus a learned offset, optionally scaled by a mask, then the
 * samples are convolved with W like Conv.
 */
function inferDeformConv(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const w = ctx.input(1);
  const shape = inferConvShape(ctx.attr, x, w, (m) => ctx.fail(m), { autoPad: false });
  const og = ctx.attr.int('offset_group');
  if (og < 1) ctx.fail(`offset_group must be >= 1, got ${og}`);
  if (x.shape && typeof x.shape[1] === 'number' && x.shape[1] % og !== 0) ctx.fail(`X has ${x.shape[1]} channels, not divisible by offset_group ${og}`);
  const off = ctx.input(2).shape;
  if (shape && off) {
    if (off.length !== shape.length) ctx.fail(`offset must have rank ${shape.length}, got ${off.length}`);
    const nd = shape.length - 2;
    const k = w.shape?.slice(2);
    if (k && k.every((d) => typeof d === 'number')) {
      const want = dimMul(og * (k as number[]).reduce((a, b) => a * b, 1), nd);
      if (dimConflicts(off[1]!, want)) ctx.fail(`offset has ${off[1]} channels, expected offset_group * prod(kernel) * ${nd} = ${want}`);
    }
    for (let i = 2; i < shape.length; i++) if (dimConflicts(off[i]!, shape[i]!)) ctx.fail(`offset spatial dims [${off.slice(2).join(',')}] differ from the output's [${shape.slice(2).join(',')}]`);
  }
  return [tensorType(x.elemType || w.elemType, shape)];
}

/** Value of one channel plane at a fractional position (N-linear interpolation, zero outside). */
function sample(x: FloatArray, off: number, dims: readonly number[], strides: Int32Array, pos: Float64Array, lo: Int32Array, frac: Float64Array): number {
  const nd = dims.length;
  for (let d = 0; d < nd; d++) {
    const f = Math.floor(pos[d]!);
    lo[d] = f;
    frac[d] = pos[d]! - f;
  }
  let sum = 0;
  const corners = 1 << nd;
  for (let c = 0; c < corners; c++) {
    let wgt = 1;
    let idx = off;
    for (let d = 0; d < nd; d++) {
      const up = (c >> (nd - 1 - d)) & 1;
      const coord = lo[d]! + up;
      const fw = up ? frac[d]! : 1 - frac[d]!;
      if (fw === 0 || coord < 0 || coord >= dims[d]!) {
        wgt = 0;
        break;
      }
      wgt *= fw;
      idx += coord * strides[d]!;
    }
    if (wgt !== 0) sum += wgt * x[idx]!;
  }
  return sum;
}

function deformConvKernel(ctx: KernelContext) {
  const X = ctx.input(0);
  const W = ctx.input(1);
  const O = ctx.input(2);
  const B = ctx.optionalInput(3);
  const Mk = ctx.optionalInput(4);
  if (X.rank < 3 || W.rank !== X.rank) ctx.fail(`X [${X.dims.join(',')}] and W [${W.dims.join(',')}] must have the same rank >= 3`);
  const group = ctx.attr.int('group');
  const og = ctx.attr.int('offset_group');
  const [N, C] = X.dims as [number, number];
  const M = W.dims[0]!;
  if (group < 1 || C !== W.dims[1]! * group || M % group !== 0) ctx.fail(`X [${X.dims.join(',')}] and W [${W.dims.join(',')}] do not agree with group ${group}`);
  if (og < 1 || C % og !== 0) ctx.fail(`X has ${C} channels, not divisible by offset_group ${og}`);
  const nd = X.rank - 2;
  const wa = readWindowAttrs(ctx.attr, nd, W.dims.slice(2), (m) => ctx.fail(m));
  const kernel = W.dims.slice(2);
  const geom = windowGeometry(X.dims.slice(2), { ...wa, autoPad: 'NOTSET', ceilMode: false, kernel }, (m) => ctx.fail(m));
  const K = kernel.reduce((a, b) => a * b, 1);
  const P = geom.outDims.reduce((a, b) => a * b, 1);
  const inSize = geom.inDims.reduce((a, b) => a * b, 1);
  const wantOff = [N, og * K * nd, ...geom.outDims];
  if (O.dims.join(',') !== wantOff.join(',')) ctx.fail(`offset must have shape [${wantOff.join(',')}], got [${O.dims.join(',')}]`);
  const wantMask = [N, og * K, ...geom.outDims];
  if (Mk && Mk.dims.join(',') !== wantMask.join(',')) ctx.fail(`mask must have shape [${wantMask.join(',')}], got [${Mk.dims.join(',')}]`);
  if (B && B.size !== M) ctx.fail(`B has ${B.size} values, expected ${M}`);
  const x = toFloat(X);
  let w = toFloat(W);
  if (x instanceof Float64Array && !(w instanceof Float64Array)) w = Float64Array.from(w);
  if (!(x instanceof Float64Array) && w instanceof Float64Array) w = Float32Array.from(w);
  const offset = toFloat(O);
  const mask = Mk ? toFloat(Mk) : undefined;
  const Cg = C / group;
  const Mg = M / group;
  const CK = Cg * K;
  const cPerOg = C / og;
  const outDims = [N, M, ...geom.outDims];
  const y = sameKind(x, N * M * P);
  const colT = sameKind(x, P * CK);
  const inStr = new Int32Array(nd);
  for (let d = nd - 1, acc = 1; d >= 0; d--) {
    inStr[d] = acc;
    acc *= geom.inDims[d]!;
  }
  const kIdx = new Int32Array(nd);
  const oIdx = new Int32Array(nd);
  const pos = new Float64Array(nd);
  const lo = new Int32Array(nd);
  const frac = new Float64Array(nd);
  for (let n = 0; n < N; n++) {
    for (let gi = 0; gi < group; gi++) {
      for (let cl = 0; cl < Cg; cl++) {
        const c = gi * Cg + cl;
        const o = Math.floor(c / cPerOg);
        const xOff = (n * C + c) * inSize;
        kIdx.fill(0);
        for (let kk = 0; kk < K; kk++) {
          const offBase = ((n * og + o) * K + kk) * nd * P;
          const maskBase = ((n * og + o) * K + kk) * P;
          const row = cl * K + kk;
          oIdx.fill(0);
          for (let p = 0; p < P; p++) {
            for (let d = 0; d < nd; d++) {
              pos[d] = oIdx[d]! * geom.strides[d]! - geom.padsBegin[d]! + kIdx[d]! * geom.dilations[d]! + offset[offBase + d * P + p]!;
            }
            let v = sample(x, xOff, geom.inDims, inStr, pos, lo, frac);
            if (mask) v *= mask[maskBase + p]!;
            colT[p * CK + row] = v;
            for (let d = nd - 1; d >= 0; d--) {
              if (++oIdx[d]! < geom.outDims[d]!) break;
              oIdx[d] = 0;
            }
          }
          for (let d = nd - 1; d >= 0; d--) {
            if (++kIdx[d]! < kernel[d]!) break;
            kIdx[d] = 0;
          }
        }
      }
      gemmNT(Mg, CK, P, w, gi * Mg * CK, colT, 0, y, (n * M + gi * Mg) * P);
    }
  }
  if (B) {
    const b = toFloat(B);
    for (let n = 0; n < N; n++) for (let m = 0; m < M; m++) for (let p = 0, i = (n * M + m) * P; p < P; p++, i++) y[i] += b[m]!;
  }
  return [tensorFromFloats(X.dtype, outDims, y)];
}

export default defineOp({
  opType: 'DeformConv',
  category: 'nn',
  infer: inferDeformConv,
  kernel: deformConvKernel,
  flops: convFlops(1, 3),
  versions: [
    { since: 19, inputs: 'X:T, W:T, offset:T, B?:T, mask?:T', outputs: 'Y:T', attrs: { dilations: 'ints', group: 'int=1', kernel_shape: 'ints', offset_group: 'int=1', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: 'X:T, W:T, offset:T, B?:T, mask?:T', outputs: 'Y:T', attrs: { dilations: 'ints', group: 'int=1', kernel_shape: 'ints', offset_group: 'int=1', pads: 'ints', strides: 'ints' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
