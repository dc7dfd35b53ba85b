/**
 * Geometry shared by convolutions and pooling: kernel, strides, dilations, pads and auto_pad,
 * and the output size along each spatial axis, on static and on symbolic dims.
 */
import type { Dim } from '../../ir/types.js';
import type { AttrReader } from '../attr-reader.js';
import type { Tensor } from '../../ir/tensor.js';
import type { FlopsContext, InferInput, KernelContext } from '../types.js';
import { dimAdd, dimCeilDiv, dimConflicts, dimFloorDiv, dimMul } from './dims.js';

export type AutoPad = 'NOTSET' | 'SAME_UPPER' | 'SAME_LOWER' | 'VALID';

/** The window attributes of a node, with defaults applied (strides/dilations 1, pads 0). */
export interface WindowAttrs {
  kernel: number[];
  strides: number[];
  dilations: number[];
  /** Explicit pads [x1_begin, x2_begin, ..., x1_end, x2_end, ...] (zeros when absent). */
  pads: number[];
  autoPad: AutoPad;
  ceilMode: boolean;
}

/** Static geometry of one windowed op: per spatial axis, the resolved pads and output size. */
export interface WindowGeometry {
  inDims: number[];
  kernel: number[];
  strides: number[];
  dilations: number[];
  padsBegin: number[];
  padsEnd: number[];
  outDims: number[];
}

/** Parses the auto_pad attribute ('' reads as NOTSET). */
export function readAutoPad(attr: AttrReader, fail: (m: string) => never): AutoPad {
  const v = attr.optString('auto_pad') ?? 'NOTSET';
  if (v === '' || v === 'NOTSET') return 'NOTSET';
  if (v === 'SAME_UPPER' || v === 'SAME_LOWER' || v === 'VALID') return v;
  return fail(`auto_pad must be NOTSET, SAME_UPPER, SAME_LOWER or VALID, got "${v}"`);
}

/** A per-axis int list attribute with a default, checked for length and a lower bound. */
function axisInts(attr: AttrReader, name: string, n: number, dflt: number, min: number, fail: (m: string) => never): number[] {
  if (!attr.schema?.attrs.has(name)) return new Array<number>(n).fill(dflt);
  const v = attr.optInts(name);
  if (v === undefined) return new Array<number>(n).fill(dflt);
  if (v.length !== n) fail(`${name} has ${v.length} values, expected ${n} (one per spatial axis)`);
  for (const x of v) if (x < min) fail(`${name} must be >= ${min}, got [${v.join(',')}]`);
  return v;
}

/**
 * Reads kernel_shape (or takes `kernelFromW`), strides, dilations, pads, auto_pad and ceil_mode
 * for `nd` spatial axes, failing on wrong lengths or values. A kernel dim may be null when it
 * is only known symbolically (a W of unknown spatial size).
 */
export function readWindowAttrs(
  attr: AttrReader,
  nd: number,
  kernelFromW: readonly Dim[] | undefined,
  fail: (m: string) => never,
): Omit<WindowAttrs, 'kernel'> & { kernel: (number | null)[] } {
  let kernel: (number | null)[];
  const ks = attr.schema?.attrs.has('kernel_shape') ? attr.optInts('kernel_shape') : undefined;
  if (ks) {
    if (ks.length !== nd) fail(`kernel_shape has ${ks.length} values, expected ${nd} (one per spatial axis)`);
    for (const k of ks) if (k < 1) fail(`kernel_shape must be positive, got [${ks.join(',')}]`);
    if (kernelFromW) {
      ks.forEach((k, i) => {
        if (dimConflicts(k, kernelFromW[i] ?? null)) fail(`kernel_shape [${ks.join(',')}] differs from the spatial dims of W [${kernelFromW.join(',')}]`);
      });
    }
    kernel = ks;
  } else if (kernelFromW) {
    kernel = kernelFromW.map((d) => (typeof d === 'number' ? d : null));
  } else {
    kernel = new Array<number | null>(nd).fill(null);
  }
  const strides = axisInts(attr, 'strides', nd, 1, 1, fail);
  const dilations = axisInts(attr, 'dilations', nd, 1, 1, fail);
  let pads = new Array<number>(2 * nd).fill(0);
  if (attr.schema?.attrs.has('pads')) {
    const p = attr.optInts('pads');
    if (p !== undefined) {
      if (p.length !== 2 * nd) fail(`pads has ${p.length} values, expected ${2 * nd} (begin and end per spatial axis)`);
      for (const x of p) if (x < 0) fail(`pads must be >= 0, got [${p.join(',')}]`);
      pads = p;
    }
  }
  const autoPad = attr.schema?.attrs.has('auto_pad') ? readAutoPad(attr, fail) : 'NOTSET';
  const ceilMode = attr.schema?.attrs.has('ceil_mode') ? attr.int('ceil_mode') !== 0 : false;
  return { kernel, strides, dilations, pads, autoPad, ceilMode };
}

/** Extent of a dilated kernel: (k - 1) * d + 1. */
export function effectiveKernel(k: number, d: number): number {
  return (k - 1) * d + 1;
}

/**
 * Output size and begin/end pads along one axis of a convolution or pooling window.
 * SAME_* pads so that out = ceil(in / s) (odd padding: extra at the end for UPPER, at the
 * beginning for LOWER); ceil_mode drops a last window that would start in the end padding.
 */
export function windowAxis(
  inSize: number,
  k: number,
  s: number,
  d: number,
  padBegin: number,
  padEnd: number,
  autoPad: AutoPad,
  ceilMode: boolean,
): { out: number; padBegin: number; padEnd: number } {
  const ek = effectiveKernel(k, d);
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    const out = Math.ceil(inSize / s);
    const total = Math.max(0, (out - 1) * s + ek - inSize);
    const small = Math.floor(total / 2);
    const pb = autoPad === 'SAME_UPPER' ? small : total - small;
    return { out, padBegin: pb, padEnd: total - pb };
  }
  if (autoPad === 'VALID') return { out: Math.floor((inSize - ek) / s) + 1, padBegin: 0, padEnd: 0 };
  const span = inSize + padBegin + padEnd - ek;
  if (!ceilMode) return { out: Math.floor(span / s) + 1, padBegin, padEnd };
  let out = Math.ceil(span / s) + 1;
  if ((out - 1) * s >= inSize + padBegin) out--;
  return { out, padBegin, padEnd };
}

/** windowAxis on a possibly symbolic input size (for inference); null when not expressible. */
export function windowAxisDim(
  inSize: Dim,
  k: number | null,
  s: number,
  d: number,
  padBegin: number,
  padEnd: number,
  autoPad: AutoPad,
  ceilMode: boolean,
): Dim {
  if (typeof inSize === 'number' && k !== null) return windowAxis(inSize, k, s, d, padBegin, padEnd, autoPad, ceilMode).out;
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') return dimCeilDiv(inSize, s);
  if (k === null || inSize === null) return null;
  const ek = effectiveKernel(k, d);
  // floor((in + c) / s) + 1 is written floor((in + c + s) / s), and likewise for ceil, so that the
  // constant inside stays non-negative in common cases ("H-1" would read back as a name).
  const c = autoPad === 'VALID' ? -ek : padBegin + padEnd - ek;
  if (s === 1) {
    // With stride 1, ceil equals floor; the last window starts in the end padding only if padEnd >= ek.
    if (ceilMode && autoPad !== 'VALID' && padEnd >= ek) return null;
    return dimAdd(inSize, c + 1);
  }
  if (!ceilMode || autoPad === 'VALID') return dimFloorDiv(dimAdd(inSize, c + s), s);
  // The last-window correction can only apply when padEnd + s - 1 >= ek; then it depends on the value.
  if (padEnd + s - 1 >= ek) return null;
  return dimCeilDiv(dimAdd(inSize, c + s), s);
}

/** Resolves the static geometry of a window over `inDims`; fails on an empty or negative output. */
export function windowGeometry(
  inDims: readonly number[],
  w: Omit<WindowAttrs, 'kernel'> & { kernel: readonly number[] },
  fail: (m: string) => never,
): WindowGeometry {
  const nd = inDims.length;
  const g: WindowGeometry = {
    inDims: [...inDims],
    kernel: [...w.kernel],
    strides: w.strides,
    dilations: w.dilations,
    padsBegin: [],
    padsEnd: [],
    outDims: [],
  };
  for (let i = 0; i < nd; i++) {
    const r = windowAxis(inDims[i]!, w.kernel[i]!, w.strides[i]!, w.dilations[i]!, w.pads[i]!, w.pads[nd + i]!, w.autoPad, w.ceilMode);
    if (r.out < 0) {
      fail(
        `spatial axis ${i}: input size ${inDims[i]} with pads ${r.padBegin}+${r.padEnd} is smaller than the kernel extent ${effectiveKernel(w.kernel[i]!, w.dilations[i]!)}`,
      );
    }
    g.padsBegin.push(r.padBegin);
    g.padsEnd.push(r.padEnd);
    g.outDims.push(r.out);
  }
  return g;
}

/** The spatial output dims of a window for inference (symbolic where possible). */
export function windowOutputDims(
  inSpatial: readonly Dim[],
  w: Omit<WindowAttrs, 'kernel'> & { kernel: readonly (number | null)[] },
  fail: (m: string) => never,
): Dim[] {
  const nd = inSpatial.length;
  return inSpatial.map((d, i) => {
    const out = windowAxisDim(d, w.kernel[i] ?? null, w.strides[i]!, w.dilations[i]!, w.pads[i]!, w.pads[nd + i]!, w.autoPad, w.ceilMode);
    if (typeof out === 'number' && out < 0) {
      fail(`spatial axis ${i}: input size ${d} is smaller than the kernel extent ${effectiveKernel(w.kernel[i]!, w.dilations[i]!)}`);
    }
    return out;
  });
}

/**
 * Output shape of a convolution (Conv, ConvInteger, QLinearConv, DeformConv): X is
 * [N, C, D1...], W is [M, C/group, k1...]; the result is [N, M, O1...]. Undefined when no rank
 * is known. Fails on inconsistent channels, groups or ranks.
 */
export function inferConvShape(
  attr: AttrReader,
  x: InferInput,
  w: InferInput,
  fail: (m: string) => never,
  opts: { autoPad?: boolean } = {},
): Dim[] | undefined {
  const xs = x.shape;
  const ws = w.shape;
  if (xs && xs.length < 3) fail(`X must have rank >= 3 (N, C, spatial...), got rank ${xs.length}`);
  if (ws && ws.length < 3) fail(`W must have rank >= 3 (M, C/group, kernel...), got rank ${ws.length}`);
  if (xs && ws && xs.length !== ws.length) fail(`X has rank ${xs.length} but W has rank ${ws.length}`);
  const rank = xs?.length ?? ws?.length;
  if (rank === undefined) return undefined;
  const nd = rank - 2;
  const group = attr.schema?.attrs.has('group') ? attr.int('group') : 1;
  if (group < 1) fail(`group must be >= 1, got ${group}`);
  const m: Dim = ws ? ws[0]! : null;
  if (typeof m === 'number' && m % group !== 0) fail(`W has ${m} output channels, not divisible by group ${group}`);
  if (xs && ws) {
    const c = xs[1]!;
    const cw = dimMul(ws[1]!, group);
    if (dimConflicts(c, cw)) fail(`X has ${c} channels but W expects ${ws[1]} x group ${group} = ${cw}`);
  }
  const wa = readWindowAttrs(attr, nd, ws?.slice(2), fail);
  if (opts.autoPad === false) wa.autoPad = 'NOTSET';
  const spatial = xs ? windowOutputDims(xs.slice(2), wa, fail) : new Array<Dim>(nd).fill(null);
  return [xs ? xs[0]! : null, m, ...spatial];
}

/** Output shape of a pooling op over X [N, C, D1...] with a required kernel_shape. */
export function inferPoolShape(attr: AttrReader, x: InferInput, fail: (m: string) => never): Dim[] | undefined {
  const xs = x.shape;
  const ks = attr.optInts('kernel_shape');
  const rank = xs?.length ?? (ks ? ks.length + 2 : undefined);
  if (rank === undefined) return undefined;
  if (rank < 3) fail(`X must have rank >= 3 (N, C, spatial...), got rank ${rank}`);
  if (!ks) fail('attribute "kernel_shape" is required');
  const wa = readWindowAttrs(attr, rank - 2, undefined, fail);
  const spatial = xs ? windowOutputDims(xs.slice(2), wa, fail) : new Array<Dim>(rank - 2).fill(null);
  return [xs ? xs[0]! : null, xs ? xs[1]! : null, ...spatial];
}

/** The product of the numbers of a static shape (FLOPs helpers); undefined shapes give undefined. */
export function prodOf(dims: readonly number[] | undefined, from = 0, to?: number): number | undefined {
  if (!dims) return undefined;
  let p = 1;
  for (let i = from; i < (to ?? dims.length); i++) p *= dims[i]!;
  return p;
}

/** The static geometry of a convolution of X by W (shared by Conv, ConvInteger, QLinearConv). */
export function convKernelGeometry(ctx: KernelContext, x: Tensor, w: Tensor): { geom: WindowGeometry; M: number; group: number } {
  if (x.rank < 3) ctx.fail(`X must have rank >= 3 (N, C, spatial...), got [${x.dims.join(',')}]`);
  if (w.rank !== x.rank) ctx.fail(`W [${w.dims.join(',')}] must have the rank of X [${x.dims.join(',')}]`);
  const group = ctx.attr.int('group');
  const M = w.dims[0]!;
  if (group < 1 || x.dims[1]! !== w.dims[1]! * group || M % group !== 0) {
    ctx.fail(`X [${x.dims.join(',')}] and W [${w.dims.join(',')}] do not agree with group ${group} (C = W[1] * group, M divisible by group)`);
  }
  const wa = readWindowAttrs(ctx.attr, x.rank - 2, w.dims.slice(2), (m) => ctx.fail(m));
  const geom = windowGeometry(x.dims.slice(2), { ...wa, kernel: w.dims.slice(2) }, (m) => ctx.fail(m));
  return { geom, M, group };
}

/** FLOPs of a convolution: 2 * prod(Y) * (C/group) * prod(kernel), plus prod(Y) for a bias. */
export function convFlops(wInput: number, biasInput?: number) {
  return (ctx: FlopsContext): number | undefined => {
    const y = ctx.outputShape(0);
    const w = ctx.inputShape(wInput);
    const py = prodOf(y);
    const pw = prodOf(w, 1);
    if (py === undefined || pw === undefined) return undefined;
    return 2 * py * pw + (biasInput !== undefined && ctx.node.inputs[biasInput] ? py : 0);
  };
}
