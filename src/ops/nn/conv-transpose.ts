import { defineOp } from '../define.js';
import type { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import type { AttrReader } from '../attr-reader.js';
import { effectiveKernel, prodOf, readWindowAttrs } from '../helpers/conv-pool.js';
import { convTransposeForward, sameKind } from '../helpers/conv-kernel.js';
import { tensorFromFloats, toFloat } from '../helpers/convert.js';
import { dimAdd, dimConflicts, dimMul } from '../helpers/dims.js';
import type { FlopsContext, InferContext, KernelContext, KernelFn } from '../types.js';

/**
 * How a total padding is split when output_shape or SAME_* decides it. Opset 1 puts the
 * smaller half first unless SAME_UPPER; opset 11 on puts it first only for SAME_UPPER.
 */
type Split = 'v1' | 'v11';

interface AxisPlan {
  out: number;
  padBegin: number;
}

/** The output_shape attribute as spatial dims (a full [N, C, ...] list is accepted too). */
function outputShapeAttr(attr: AttrReader, nd: number, fail: (m: string) => never): number[] | undefined {
  const os = attr.optInts('output_shape');
  if (!os) return undefined;
  if (os.length === nd) return os;
  if (os.length === nd + 2) return os.slice(2);
  return fail(`output_shape has ${os.length} values, expected ${nd} (one per spatial axis)`);
}

function outputPadding(attr: AttrReader, nd: number, strides: readonly number[], dilations: readonly number[], fail: (m: string) => never): number[] {
  const op = attr.optInts('output_padding') ?? new Array<number>(nd).fill(0);
  if (op.length !== nd) fail(`output_padding has ${op.length} values, expected ${nd}`);
  op.forEach((p, i) => {
    if (p < 0 || (p >= strides[i]! && p >= dilations[i]!)) fail(`output_padding [${op.join(',')}] must be below the stride or the dilation of each axis`);
  });
  return op;
}

/** Splits a total padding into the begin pad. */
function splitBegin(total: number, autoPad: string, split: Split): number {
  const small = Math.floor(total / 2);
  if (split === 'v1') return autoPad === 'SAME_UPPER' ? total - small : small;
  return autoPad === 'SAME_UPPER' ? small : total - small;
}

/** Output size and begin pad along each spatial axis of a ConvTranspose. */
function planAxes(ctx: { attr: AttrReader; fail: (m: string) => never }, inDims: readonly number[], kernel: readonly number[], split: Split): { axes: AxisPlan[]; strides: number[]; dilations: number[] } {
  const nd = inDims.length;
  const fail = (m: string) => ctx.fail(m);
  const wa = readWindowAttrs(ctx.attr, nd, kernel, fail);
  const op = outputPadding(ctx.attr, nd, wa.strides, wa.dilations, fail);
  const os = outputShapeAttr(ctx.attr, nd, fail);
  const axes = inDims.map((inSize, i) => {
    const s = wa.strides[i]!;
    const full = s * (inSize - 1) + op[i]! + effectiveKernel(kernel[i]!, wa.dilations[i]!);
    if (os) return { out: os[i]!, padBegin: splitBegin(full - os[i]!, wa.autoPad, split) };
    if (wa.autoPad === 'SAME_UPPER' || wa.autoPad === 'SAME_LOWER') {
      const out = inSize * s;
      return { out, padBegin: splitBegin(full - out, wa.autoPad, split) };
    }
    if (wa.autoPad === 'VALID') return { out: full, padBegin: 0 };
    return { out: full - wa.pads[i]! - wa.pads[nd + i]!, padBegin: wa.pads[i]! };
  });
  for (const a of axes) if (a.out < 0) fail(`the output would have a negative size (${axes.map((x) => x.out).join(',')})`);
  return { axes, strides: wa.strides, dilations: wa.dilations };
}

function inferConvTranspose(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const w = ctx.input(1);
  const xs = x.shape;
  const ws = w.shape;
  if (xs && xs.length < 3) ctx.fail(`X must have rank >= 3 (N, C, spatial...), got rank ${xs.length}`);
  if (ws && ws.length < 3) ctx.fail(`W must have rank >= 3 (C, M/group, kernel...), got rank ${ws.length}`);
  if (xs && ws && xs.length !== ws.length) ctx.fail(`X has rank ${xs.length} but W has rank ${ws.length}`);
  const rank = xs?.length ?? ws?.length;
  const elemType = x.elemType || w.elemType;
  if (rank === undefined) return [tensorType(elemType)];
  const nd = rank - 2;
  const group = ctx.attr.int('group');
  if (group < 1) ctx.fail(`group must be >= 1, got ${group}`);
  if (xs && ws && dimConflicts(xs[1]!, ws[0]!)) ctx.fail(`X has ${xs[1]} channels but W has ${ws[0]} input channels`);
  const m: Dim = ws ? dimMul(ws[1]!, group) : null;
  if (ctx.has(2)) {
    const b = ctx.input(2).shape;
    if (b && b.length !== 1) ctx.fail(`B must be 1-D, got rank ${b.length}`);
    if (b && dimConflicts(b[0]!, m)) ctx.fail(`B has ${b[0]} values but the output has ${m} channels`);
  }
  const fail = (msg: string) => ctx.fail(msg);
  const wa = readWindowAttrs(ctx.attr, nd, ws?.slice(2), fail);
  const op = outputPadding(ctx.attr, nd, wa.strides, wa.dilations, fail);
  const os = outputShapeAttr(ctx.attr, nd, fail);
  const spatial: Dim[] = [];
  for (let i = 0; i < nd; i++) {
    const inSize: Dim = xs ? xs[i + 2]! : null;
    const s = wa.strides[i]!;
    const k = wa.kernel[i];
    if (os) spatial.push(os[i]!);
    else if (wa.autoPad === 'SAME_UPPER' || wa.autoPad === 'SAME_LOWER') spatial.push(dimMul(inSize, s));
    else if (k === null || k === undefined) spatial.push(null);
    else {
      const pads = wa.autoPad === 'VALID' ? 0 : wa.pads[i]! + wa.pads[nd + i]!;
      const d = dimAdd(dimMul(inSize, s), op[i]! + effectiveKernel(k, wa.dilations[i]!) - pads - s);
      if (typeof d === 'number' && d < 0) ctx.fail(`the output would have a negative size along spatial axis ${i}`);
      spatial.push(d);
    }
  }
  return [tensorType(elemType, [xs ? xs[0]! : null, m, ...spatial])];
}

function makeKernel(split: Split): KernelFn {
  return function convTransposeKernel(ctx: KernelContext) {
    const X: Tensor = ctx.input(0);
    const W: Tensor = ctx.input(1);
    const B = ctx.optionalInput(2);
    if (X.rank < 3) ctx.fail(`X must have rank >= 3 (N, C, spatial...), got [${X.dims.join(',')}]`);
    if (W.rank !== X.rank) ctx.fail(`W [${W.dims.join(',')}] must have the rank of X [${X.dims.join(',')}]`);
    const group = ctx.attr.int('group');
    if (group < 1 || W.dims[0] !== X.dims[1] || X.dims[1]! % group !== 0) {
      ctx.fail(`X [${X.dims.join(',')}] and W [${W.dims.join(',')}] do not agree with group ${group} (W[0] = C, C divisible by group)`);
    }
    const M = W.dims[1]! * group;
    if (B && B.size !== M) ctx.fail(`B has ${B.size} values, expected ${M}`);
    const kernel = W.dims.slice(2);
    const inDims = X.dims.slice(2);
    const { axes, strides, dilations } = planAxes(ctx, inDims, kernel, split);
    const outSpatial = axes.map((a) => a.out);
    const geom = { inDims: outSpatial, outDims: inDims, kernel, strides, dilations, padsBegin: axes.map((a) => a.padBegin) };
    const x = toFloat(X);
    let w = toFloat(W);
    if (x instanceof Float64Array && !(w instanceof Float64Array)) w = Float64Array.from(w);
    if (!(x instanceof Float64Array) && w instanceof Float64Array) w = Float32Array.from(w);
    const outDims = [X.dims[0]!, M, ...outSpatial];
    const y = sameKind(x, outDims.reduce((a, b) => a * b, 1));
    convTransposeForward(x, X.dims, w, M, group, geom, B ? toFloat(B) : undefined, y);
    return [tensorFromFloats(X.dtype, outDims, y)];
  };
}

/** FLOPs: 2 * N * C_in * prod(input spatial) * (C_out / group) * prod(kernel). */
function convTransposeFlops(ctx: FlopsContext): number | undefined {
  const px = prodOf(ctx.inputShape(0));
  const pw = prodOf(ctx.inputShape(1), 1);
  return px === undefined || pw === undefined ? undefined : 2 * px * pw;
}

/** Y = transposed convolution of X by W (+ B): output_padding, output_shape, groups, dilations. */
export default defineOp({
  opType: 'ConvTranspose',
  category: 'nn',
  infer: inferConvTranspose,
  kernel: makeKernel('v11'),
  flops: convTransposeFlops,
  versions: [
    { since: 1, inputs: 'X:T, W:T, B?:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', dilations: 'ints', group: 'int=1', kernel_shape: 'ints', output_padding: 'ints', output_shape: 'ints', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' }, kernel: makeKernel('v1') },
    { since: 11, inputs: 'X:T, W:T, B?:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', dilations: 'ints', group: 'int=1', kernel_shape: 'ints', output_padding: 'ints', output_shape: 'ints', pads: 'ints', strides: 'ints' }, types: { T: 'float16 float double' } },
    { since: 22, inputs: 'X:T, W:T, B?:T', outputs: 'Y:T', attrs: { auto_pad: 'string=NOTSET', dilations: 'ints', group: 'int=1', kernel_shape: 'ints', output_padding: 'ints', output_shape: 'ints', pads: 'ints', strides: 'ints' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
