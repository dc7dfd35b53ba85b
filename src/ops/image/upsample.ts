import { defineOp } from '../define.js';
import type { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { toFloat64 } from '../helpers/convert.js';
import { dimMul } from '../helpers/dims.js';
import { resample } from '../helpers/resample.js';
import type { InferContext, InferFn, KernelContext, KernelFn } from '../types.js';
import { legacyOptions, scaledLength } from './resize.js';

type ScalesOf = (rank: number, read: () => Tensor | undefined, attr: InferContext['attr'], fail: (m: string) => never) => number[] | undefined;

/** Upsample-1: height_scale and width_scale of a 4-D NCHW input. */
const scales1: ScalesOf = (rank, _read, attr, fail) => {
  if (rank !== 4) fail(`X must be 4-D (N,C,H,W), got rank ${rank}`);
  return [1, 1, attr.float('height_scale'), attr.float('width_scale')];
};
/** Upsample-7: the scales attribute. */
const scales7: ScalesOf = (_rank, _read, attr) => attr.floats('scales');
/** Upsample-9: the scales input. */
const scales9: ScalesOf = (_rank, read) => {
  const t = read();
  return t ? Array.from(toFloat64(t)) : undefined;
};

function checkScales(scales: readonly number[], rank: number, fail: (m: string) => never): void {
  if (scales.length !== rank) fail(`scales has ${scales.length} values, expected ${rank} (the rank of X)`);
  for (const s of scales) if (!(s > 0)) fail(`scales must be positive, got ${s}`);
}

function mode(attr: InferContext['attr'], fail: (m: string) => never): 'nearest' | 'linear' {
  const m = attr.string('mode');
  if (m === 'nearest') return 'nearest';
  if (m === 'linear' || m === 'bilinear') return 'linear';
  return fail(`mode must be nearest or linear, got "${m}"`);
}

function upsampleKernel(scalesOf: ScalesOf): KernelFn {
  return function upsample(ctx: KernelContext) {
    const fail: (m: string) => never = (m) => ctx.fail(m);
    const x = ctx.input(0);
    const scales = scalesOf(x.rank, () => ctx.input(1), ctx.attr, fail)!;
    checkScales(scales, x.rank, fail);
    const outDims = x.dims.map((d, i) => scaledLength(d, scales[i]!));
    return [resample(x, outDims, scales, undefined, legacyOptions(mode(ctx.attr, fail)), fail)];
  };
}

function inferUpsample(scalesOf: ScalesOf): InferFn {
  return function infer(ctx: InferContext): (ValueType | undefined)[] {
    const fail: (m: string) => never = (m) => ctx.fail(m);
    mode(ctx.attr, fail);
    const x = ctx.input(0);
    if (!x.shape) return [tensorType(x.elemType)];
    const rank = x.shape.length;
    const scales = scalesOf(rank, () => ctx.input(1).value, ctx.attr, fail);
    if (!scales) return [tensorType(x.elemType, x.shape.map(() => null))];
    checkScales(scales, rank, fail);
    const out: Dim[] = x.shape.map((d, i) => {
      const s = scales[i]!;
      if (typeof d === 'number') return scaledLength(d, s);
      if (s === 1) return d;
      return Number.isInteger(s) ? dimMul(d, s) : null;
    });
    return [tensorType(x.elemType, out)];
  };
}

/** Upsample (deprecated in 10 for Resize): nearest or linear, asymmetric coordinates. */
export default defineOp({
  opType: 'Upsample',
  category: 'image',
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { height_scale: 'float!', mode: 'string=nearest', width_scale: 'float!' }, types: { T: 'bool int32 int64 float16 float double' }, infer: inferUpsample(scales1), kernel: upsampleKernel(scales1) },
    { since: 7, inputs: 'X:T', outputs: 'Y:T', attrs: { mode: 'string=nearest', scales: 'floats!' }, types: { T: '$all_v1' }, infer: inferUpsample(scales7), kernel: upsampleKernel(scales7) },
    { since: 9, inputs: 'X:T, scales:tensor(float)', outputs: 'Y:T', attrs: { mode: 'string=nearest' }, types: { T: '$all_v1' }, infer: inferUpsample(scales9), kernel: upsampleKernel(scales9) },
    { since: 10, deprecated: true, inputs: '', outputs: '' },
  ],
});
