import { defineOp } from '../define.js';
import type { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { normalizeAxes } from '../helpers/axes.js';
import { toFloat64, toInts } from '../helpers/convert.js';
import { dimFloorDiv, dimMul } from '../helpers/dims.js';
import { resample, type NearestMode, type ResampleMode, type ResampleOptions } from '../helpers/resample.js';
import type { AttrReader } from '../attr-reader.js';
import type { FlopsContext, InferContext, InferFn, KernelContext, KernelFn } from '../types.js';

const MODES = new Set(['nearest', 'linear', 'cubic']);
const NEAREST_MODES = new Set(['round_prefer_floor', 'round_prefer_ceil', 'floor', 'ceil']);
const BASE_COORDS = ['half_pixel', 'pytorch_half_pixel', 'align_corners', 'asymmetric', 'tf_crop_and_resize'];
/** coordinate_transformation_mode values each version accepts. */
const COORDS_11 = new Set([...BASE_COORDS, 'tf_half_pixel_for_nn']);
const COORDS_18 = new Set(BASE_COORDS);
const COORDS_19 = new Set([...BASE_COORDS, 'half_pixel_symmetric']);

/** An output dim of a scaled axis: floor(in * scale) computed in float32, as onnxruntime does. */
export function scaledLength(inLen: number, scale: number): number {
  return Math.floor(Math.fround(Math.fround(inLen) * scale));
}

/** A scaled dim that may be symbolic: exact for integer scales and inverse powers of two. */
function scaledDim(d: Dim, scale: number): Dim {
  if (typeof d === 'number') return scaledLength(d, scale);
  if (d === null) return null;
  if (scale === 1) return d;
  if (Number.isInteger(scale)) return dimMul(d, scale);
  const inv = 1 / scale;
  if (Number.isInteger(inv) && inv * scale === 1 && (inv & (inv - 1)) === 0) return dimFloorDiv(d, inv);
  return null;
}

function readOptions(attr: AttrReader, coords: ReadonlySet<string>, fail: (m: string) => never): ResampleOptions {
  const mode = attr.string('mode');
  if (!MODES.has(mode)) fail(`mode must be nearest, linear or cubic, got "${mode}"`);
  const coordMode = attr.string('coordinate_transformation_mode');
  if (!coords.has(coordMode)) fail(`coordinate_transformation_mode "${coordMode}" is not one of ${[...coords].join(', ')}`);
  const nearestMode = attr.string('nearest_mode');
  if (!NEAREST_MODES.has(nearestMode)) fail(`nearest_mode "${nearestMode}" is not one of ${[...NEAREST_MODES].join(', ')}`);
  const antialias = (attr.optInt('antialias') ?? 0) !== 0;
  return {
    mode: mode as ResampleMode,
    coordMode,
    nearestMode: nearestMode as NearestMode,
    cubicA: attr.float('cubic_coeff_a'),
    excludeOutside: attr.int('exclude_outside') !== 0,
    extrapolation: attr.float('extrapolation_value'),
    antialias,
  };
}

function readPolicy(attr: AttrReader, fail: (m: string) => never): string {
  const p = attr.optString('keep_aspect_ratio_policy') ?? 'stretch';
  if (p !== 'stretch' && p !== 'not_larger' && p !== 'not_smaller') fail(`keep_aspect_ratio_policy "${p}" is not stretch, not_larger or not_smaller`);
  return p;
}

function readAxes(attr: AttrReader, rank: number, fail: (m: string) => never): number[] {
  const axes = attr.optInts('axes');
  return axes ? normalizeAxes(axes, rank, fail) : Array.from({ length: rank }, (_, i) => i);
}

/** Output dims and per-axis scales of Resize from its static inputs. */
export function resizeTarget(
  inDims: readonly number[],
  axes: readonly number[],
  scales: readonly number[] | undefined,
  sizes: readonly number[] | undefined,
  policy: string,
  fail: (m: string) => never,
): { outDims: number[]; scales: number[] } {
  const rank = inDims.length;
  const outDims = [...inDims];
  const full = new Array<number>(rank).fill(1);
  if (scales) {
    if (scales.length !== axes.length) fail(`scales has ${scales.length} values, expected ${axes.length}`);
    axes.forEach((d, i) => {
      const s = scales[i]!;
      if (!(s > 0)) fail(`scales must be positive, got ${s}`);
      full[d] = s;
      outDims[d] = scaledLength(inDims[d]!, s);
    });
    return { outDims, scales: full };
  }
  if (!sizes) fail('one of scales and sizes must be given');
  if (sizes.length !== axes.length) fail(`sizes has ${sizes.length} values, expected ${axes.length}`);
  for (const s of sizes) if (s < 0) fail(`sizes must not be negative, got ${s}`);
  if (policy === 'stretch') {
    axes.forEach((d, i) => {
      outDims[d] = sizes[i]!;
      full[d] = sizes[i]! / inDims[d]!;
    });
    return { outDims, scales: full };
  }
  const ratios = axes.map((d, i) => sizes[i]! / inDims[d]!);
  const scale = policy === 'not_larger' ? Math.min(...ratios) : Math.max(...ratios);
  for (const d of axes) {
    full[d] = scale;
    outDims[d] = Math.floor(scale * inDims[d]! + 0.5);
  }
  return { outDims, scales: full };
}

/** A float tensor's values, or undefined when absent or empty. */
function nonEmpty(t: Tensor | undefined): Tensor | undefined {
  return t && t.size > 0 ? t : undefined;
}

/** Resize-11 and later: X, roi, scales, sizes (either scales or sizes), with the given coordinate modes. */
function resizeKernel(coords: ReadonlySet<string>): KernelFn {
  return function resize(ctx: KernelContext) {
    const fail: (m: string) => never = (m) => ctx.fail(m);
    const x = ctx.input(0);
    const opts = readOptions(ctx.attr, coords, fail);
    const axes = readAxes(ctx.attr, x.rank, fail);
    const scalesT = nonEmpty(ctx.optionalInput(2));
    const sizesT = nonEmpty(ctx.optionalInput(3));
    if (scalesT && sizesT) fail('only one of scales and sizes may be given');
    const policy = readPolicy(ctx.attr, fail);
    const { outDims, scales } = resizeTarget(
      x.dims,
      axes,
      scalesT ? Array.from(toFloat64(scalesT)) : undefined,
      sizesT ? toInts(sizesT) : undefined,
      policy,
      fail,
    );
    let roi: number[] | undefined;
    if (opts.coordMode === 'tf_crop_and_resize') {
      const roiT = nonEmpty(ctx.optionalInput(1));
      if (!roiT) fail('coordinate_transformation_mode tf_crop_and_resize needs roi');
      const r = Array.from(toFloat64(roiT));
      if (r.length !== 2 * axes.length) fail(`roi has ${r.length} values, expected ${2 * axes.length}`);
      roi = [...new Array<number>(x.rank).fill(0), ...new Array<number>(x.rank).fill(1)];
      axes.forEach((d, i) => {
        roi![d] = r[i]!;
        roi![x.rank + d] = r[axes.length + i]!;
      });
    }
    return [resample(x, outDims, scales, roi, opts, fail)];
  };
}

/** Resize-10: X and scales; asymmetric coordinates and onnxruntime's nearest rounding. */
function resize10Kernel(ctx: KernelContext) {
  const fail: (m: string) => never = (m) => ctx.fail(m);
  const x = ctx.input(0);
  const mode = ctx.attr.string('mode');
  if (mode !== 'nearest' && mode !== 'linear') fail(`mode must be nearest or linear, got "${mode}"`);
  const axes = Array.from({ length: x.rank }, (_, i) => i);
  const { outDims, scales } = resizeTarget(x.dims, axes, Array.from(toFloat64(ctx.input(1))), undefined, 'stretch', fail);
  return [resample(x, outDims, scales, undefined, legacyOptions(mode as ResampleMode), fail)];
}

/** Options of the opset-10 style resampling (Resize-10, Upsample). */
export function legacyOptions(mode: ResampleMode): ResampleOptions {
  return { mode, coordMode: 'asymmetric', nearestMode: 'simple', cubicA: -0.75, excludeOutside: false, extrapolation: 0, antialias: false };
}

/** Output type of a resize given (possibly) known scales or sizes. */
function inferResize(scalesIndex: number, sizesIndex: number | undefined, coords: ReadonlySet<string> | undefined): InferFn {
  return function infer(ctx: InferContext): (ValueType | undefined)[] {
    const fail: (m: string) => never = (m) => ctx.fail(m);
    const x = ctx.input(0);
    if (coords) readOptions(ctx.attr, coords, fail);
    const policy = sizesIndex !== undefined ? readPolicy(ctx.attr, fail) : 'stretch';
    let shape = x.shape;
    if (!shape) {
      // Without axes, the length of scales or sizes is the rank.
      if (ctx.attr.optInts('axes')) return [tensorType(x.elemType)];
      const lens = [scalesIndex, sizesIndex].map((i) => (i !== undefined && ctx.has(i) ? ctx.input(i).shape?.[0] : undefined));
      const len = lens.find((l) => typeof l === 'number' && l > 0);
      if (typeof len !== 'number') return [tensorType(x.elemType)];
      shape = new Array<Dim>(len).fill(null);
    }
    const rank = shape.length;
    const axes = readAxes(ctx.attr, rank, fail);
    const scalesIn = ctx.has(scalesIndex) ? ctx.input(scalesIndex) : undefined;
    const sizesIn = sizesIndex !== undefined && ctx.has(sizesIndex) ? ctx.input(sizesIndex) : undefined;
    const scalesEmpty = scalesIn?.shape?.[0] === 0 || scalesIn?.value?.size === 0;
    const sizesEmpty = sizesIn?.shape?.[0] === 0 || sizesIn?.value?.size === 0;
    const useScales = scalesIn && !scalesEmpty;
    const useSizes = sizesIn && !sizesEmpty;
    if (useScales && useSizes && scalesIn.shape?.[0] !== null && sizesIn.shape?.[0] !== null) {
      fail('only one of scales and sizes may be given');
    }
    if (!scalesIn && !sizesIn) fail('one of scales and sizes must be given');
    const out: Dim[] = [...shape];
    for (const d of axes) out[d] = null;
    const len = useScales ? scalesIn.shape?.[0] : useSizes ? sizesIn.shape?.[0] : undefined;
    if (typeof len === 'number' && len !== axes.length) fail(`${useScales ? 'scales' : 'sizes'} has ${len} values, expected ${axes.length}`);
    if (useScales && scalesIn.value) {
      const s = Array.from(toFloat64(scalesIn.value));
      if (s.length !== axes.length) fail(`scales has ${s.length} values, expected ${axes.length}`);
      axes.forEach((d, i) => {
        if (!(s[i]! > 0)) fail(`scales must be positive, got ${s[i]}`);
        out[d] = scaledDim(shape[d]!, s[i]!);
      });
    } else if (useSizes && !useScales) {
      const sym = sizesIn.symbolic;
      if (sym) {
        if (sym.length !== axes.length) fail(`sizes has ${sym.length} values, expected ${axes.length}`);
        const inStatic = axes.every((d) => typeof shape[d] === 'number');
        if (policy === 'stretch') axes.forEach((d, i) => (out[d] = sym[i]!));
        else if (inStatic && sym.every((v) => typeof v === 'number')) {
          const t = resizeTarget(shape as number[], axes, undefined, sym as number[], policy, fail);
          for (const d of axes) out[d] = t.outDims[d]!;
        }
      }
    }
    return [tensorType(x.elemType, out)];
  };
}

/** Rough cost: one multiply-add per tap per output element (nearest: none). */
function resizeFlops(ctx: FlopsContext): number | undefined {
  const out = ctx.outputShape(0);
  const inp = ctx.inputShape(0);
  if (!out || !inp) return undefined;
  const mode = ctx.attr.optString('mode') ?? 'nearest';
  if (mode === 'nearest') return 0;
  const taps = mode === 'cubic' ? 4 : 2;
  let resized = 0;
  out.forEach((d, i) => {
    if (d !== inp[i]) resized++;
  });
  return 2 * out.reduce((a, b) => a * b, 1) * taps * Math.max(resized, 1);
}

/**
 * Resize: nearest / N-linear / N-cubic resampling with every coordinate transformation mode,
 * scales or sizes, axes, keep_aspect_ratio_policy and antialias.
 */
export default defineOp({
  opType: 'Resize',
  category: 'image',
  flops: resizeFlops,
  versions: [
    { since: 10, inputs: 'X:T, scales:tensor(float)', outputs: 'Y:T', attrs: { mode: 'string=nearest' }, types: { T: '$all_v1' }, infer: inferResize(1, undefined, undefined), kernel: resize10Kernel },
    { since: 11, inputs: 'X:T1, roi:T2, scales:tensor(float), sizes?:tensor(int64)', outputs: 'Y:T1', attrs: { coordinate_transformation_mode: 'string=half_pixel', cubic_coeff_a: 'float=-0.75', exclude_outside: 'int=0', extrapolation_value: 'float=0.0', mode: 'string=nearest', nearest_mode: 'string=round_prefer_floor' }, types: { T1: '$all_v1', T2: 'float16 float double' }, infer: inferResize(2, 3, COORDS_11), kernel: resizeKernel(COORDS_11) },
    { since: 13, inputs: 'X:T1, roi?:T2, scales?:tensor(float), sizes?:tensor(int64)', outputs: 'Y:T1', attrs: { coordinate_transformation_mode: 'string=half_pixel', cubic_coeff_a: 'float=-0.75', exclude_outside: 'int=0', extrapolation_value: 'float=0.0', mode: 'string=nearest', nearest_mode: 'string=round_prefer_floor' }, types: { T1: '$all_v13', T2: 'float16 float double' }, infer: inferResize(2, 3, COORDS_11), kernel: resizeKernel(COORDS_11) },
    { since: 18, inputs: 'X:T1, roi?:T2, scales?:tensor(float), sizes?:tensor(int64)', outputs: 'Y:T1', attrs: { antialias: 'int=0', axes: 'ints', coordinate_transformation_mode: 'string=half_pixel', cubic_coeff_a: 'float=-0.75', exclude_outside: 'int=0', extrapolation_value: 'float=0.0', keep_aspect_ratio_policy: 'string=stretch', mode: 'string=nearest', nearest_mode: 'string=round_prefer_floor' }, types: { T1: '$all_v13', T2: 'float16 float double' }, infer: inferResize(2, 3, COORDS_18), kernel: resizeKernel(COORDS_18) },
    { since: 19, inputs: 'X:T1, roi?:T2, scales?:tensor(float), sizes?:tensor(int64)', outputs: 'Y:T1', attrs: { antialias: 'int=0', axes: 'ints', coordinate_transformation_mode: 'string=half_pixel', cubic_coeff_a: 'float=-0.75', exclude_outside: 'int=0', extrapolation_value: 'float=0.0', keep_aspect_ratio_policy: 'string=stretch', mode: 'string=nearest', nearest_mode: 'string=round_prefer_floor' }, types: { T1: '$all_v13', T2: 'float16 float double' }, infer: inferResize(2, 3, COORDS_19), kernel: resizeKernel(COORDS_19) },
  ],
});
