/**
 * 1-D and 2-D Conv with constant weights: a direct kernel for depthwise convolutions (one
 * filter per channel), otherwise a GEMM per image and group whose B operand is packed straight
 * from the image (im2col, one L2-sized block at a time; a 1x1 convolution reads the image as
 * is). Weights are packed when the session is created, with a following BatchNormalization
 * folded in; bias, a residual Add and Relu/Clip are applied as the output is stored.
 */
import { OnnxError } from '../../util/errors.js';
import { runGemm, runPadPlanes } from '../../runtime/wasm/gemm-call.js';
import { depthwiseBorderFits, runWindow, WindowMode } from '../../runtime/wasm/nn-calls.js';
import { runUnary, UnaryOp } from '../../runtime/wasm/params.js';
import { readWindowAttrs, windowGeometry, type WindowGeometry } from '../helpers/conv-pool.js';
import { runConvWinograd, winogradPlan } from './conv-winograd.js';
import { ConvWeights } from './conv-weights.js';
import type { Epilogue, FastKernel, FastNodeInfo, FastOp, FastRunContext } from './types.js';
import { constFloats, floatInput, keepFloats, mayBeFloat, sizeOfDims } from './util.js';

const fail = (m: string): never => {
  throw new OnnxError('E_KERNEL', m);
};

/** The window geometry of the input's spatial dims, or undefined where the reference must report an error. */
export function geometryOf(attrs: ReturnType<typeof readWindowAttrs>, kernel: readonly number[], spatial: readonly number[]): WindowGeometry | undefined {
  try {
    return windowGeometry(spatial, { ...attrs, kernel }, fail);
  } catch {
    return undefined;
  }
}

/** Planes with their padding in place (the input itself when there is none). */
export function paddedPlanes(ctx: FastRunContext, x: number, planes: number, H: number, W: number, PT: number, PL: number, Hp: number, Wp: number, fill: number): number {
  if (Hp === H && Wp === W) return x;
  const y = ctx.scratch(planes * Hp * Wp * 4);
  runPadPlanes(ctx.engine, x, y, planes, H, W, PT, PL, Hp, Wp, ctx.threads, fill);
  return y;
}

/** Spatial dims as 2-D (a 1-D convolution is one row). */
function as2d(dims: readonly number[]): [number, number] {
  return dims.length === 1 ? [1, dims[0]!] : [dims[0]!, dims[1]!];
}

/** The output's spatial dims (2-D) when the input's type gives its spatial dims. */
function staticOutput(info: FastNodeInfo, attrs: ReturnType<typeof readWindowAttrs>, kernel: readonly number[]): { out?: [number, number] } {
  const t = info.inputTypes[0];
  const spatial = t?.kind === 'tensor' ? t.shape?.slice(2) : undefined;
  if (!spatial || spatial.length !== 2 || !spatial.every((d): d is number => typeof d === 'number')) return {};
  const geom = geometryOf(attrs, kernel, spatial);
  return geom ? { out: as2d(geom.outDims) } : {};
}

function createConv(info: FastNodeInfo, epilogue?: Epilogue): FastKernel | undefined {
  if (!mayBeFloat(info, [0, 1, 2]) || epilogue?.bias) return undefined;
  const wt = info.constants[1];
  const wData = constFloats(info, 1);
  if (!wt || !wData || (wt.rank !== 3 && wt.rank !== 4)) return undefined;
  const bIn = info.node.inputs[2];
  const bData = bIn ? constFloats(info, 2) : undefined;
  if (bIn && !bData) return undefined;
  const nd = wt.rank - 2;
  let attrs: ReturnType<typeof readWindowAttrs>;
  try {
    attrs = readWindowAttrs(info.attr, nd, wt.dims.slice(2), fail);
  } catch {
    return undefined;
  }
  const group = info.attr.int('group');
  const M = wt.dims[0]!;
  const Cg = wt.dims[1]!;
  const kernel = wt.dims.slice(2);
  const [KH, KW] = as2d(kernel);
  if (group < 1 || M % group !== 0 || (bData && bData.length !== M)) return undefined;
  const Mg = M / group;
  const K = Cg * KH * KW;
  // Weights and bias with a folded BatchNormalization.
  const affine = epilogue?.affine;
  if (affine && affine.scale.length !== M) return undefined;
  const folded = (): Float32Array => {
    const w = Float32Array.from(wData);
    if (affine) {
      for (let m = 0; m < M; m++) {
        const s = affine.scale[m]!;
        for (let k = 0; k < K; k++) w[m * K + k]! *= s;
      }
    }
    return w;
  };
  const bias = new Float32Array(M);
  if (bData) bias.set(bData);
  if (affine) for (let m = 0; m < M; m++) bias[m] = bias[m]! * affine.scale[m]! + affine.shift[m]!;
  const hasBias = bData !== undefined || affine !== undefined;
  const pBias = hasBias ? keepFloats(info, bias) : 0;
  const clamp = epilogue?.clamp;
  const residual = epilogue?.residual ? info.node.inputs.length : -1;
  const depthwise = Cg === 1 && Mg === 1;
  const pDepthwise = depthwise ? keepFloats(info, folded()) : 0;
  const weights = depthwise ? undefined : new ConvWeights(info, folded, M, group, K);
  /** The Winograd variant for an output size (undefined: the GEMM). */
  const winogradShape = { nd, KH, KW, group, strides: attrs.strides, dilations: attrs.dilations, M, C: Cg };
  const planFor = (out?: [number, number]) => (depthwise ? undefined : winogradPlan(out ? { ...winogradShape, out } : winogradShape));
  if (weights) {
    // The layout a static output size takes, made now (a dynamic one waits for its first run).
    const out = staticOutput(info, attrs, kernel).out;
    const plan = planFor(out);
    if (plan && out) weights.winograd(plan);
    else if (!plan) weights.gemm();
  }
  /** How to run at one input shape (everything but the addresses), kept for the next run at that shape. */
  interface Launch {
    inDims: readonly number[];
    outDims: readonly number[];
    /** Runs the kernels: input x, output y, residual r (0: none). */
    go(ctx: FastRunContext, x: number, y: number, r: number): void;
  }
  const launchFor = (ctx: FastRunContext, inDims: readonly number[]): Launch | undefined => {
    const geom = geometryOf(attrs, kernel, inDims.slice(2));
    if (!geom) return undefined;
    const N = inDims[0]!;
    const C = inDims[1]!;
    const [H, W] = as2d(geom.inDims);
    const [OH, OW] = as2d(geom.outDims);
    const [SH, SW] = as2d(geom.strides);
    const [DH, DW] = as2d(geom.dilations);
    const [PT, PL] = nd === 1 ? [0, geom.padsBegin[0]!] : [geom.padsBegin[0]!, geom.padsBegin[1]!];
    const outDims = [N, M, ...geom.outDims];
    const base = { inDims: inDims.slice(), outDims };
    const plan = weights && planFor([OH, OW]);
    if (plan) {
      const filters = weights.winograd(plan);
      return {
        ...base,
        go: (c, x, y, r) => {
          const call = { x, y, bias: pBias, residual: r, N, C, M, H, W, PT, PL, OH, OW };
          runConvWinograd(c, filters, clamp ? { ...call, clamp } : call);
        },
      };
    }
    const size = sizeOfDims(outDims);
    const accumulate = residual >= 0;
    /** The residual is copied into y, which the kernels then add to. */
    const copyResidual = (c: FastRunContext, y: number, r: number): void => {
      if (accumulate) runUnary(c.engine, UnaryOp.COPY, r, y, size, c.threads);
    };
    const common = { ...(clamp ? { clamp } : {}), accumulate };
    if (depthwise && KH === 3 && KW === 3 && depthwiseBorderFits(ctx.engine, OW, SW, DH, DW)) {
      // Borders handled in the kernel: no padded copy.
      const call = { mode: WindowMode.DEPTHWISE, x: 0, y: 0, w: pDepthwise, bias: pBias, planes: N * C, C, H, W, KH, KW, SH, SW, DH, DW, OH, OW, border: { PT, PL }, ...common };
      return {
        ...base,
        go: (c, x, y, r) => {
          copyResidual(c, y, r);
          call.x = x;
          call.y = y;
          runWindow(c.engine, call, c.threads);
        },
      };
    }
    const pointwise = KH === 1 && KW === 1 && SH === 1 && SW === 1 && PT === 0 && PL === 0 && OH === H && OW === W;
    // The other kernels read a copy of the image with its zero padding in place.
    const [PB, PR] = nd === 1 ? [0, geom.padsEnd[0]!] : [geom.padsEnd[0]!, geom.padsEnd[1]!];
    const [Hp, Wp] = [H + PT + PB, W + PL + PR];
    const image = (c: FastRunContext, x: number): number => (pointwise ? x : paddedPlanes(c, x, N * C, H, W, PT, PL, Hp, Wp, 0));
    if (!weights) {
      const call = { mode: WindowMode.DEPTHWISE, x: 0, y: 0, w: pDepthwise, bias: pBias, planes: N * C, C, H: Hp, W: Wp, KH, KW, SH, SW, DH, DW, OH, OW, ...common };
      return {
        ...base,
        go: (c, x, y, r) => {
          copyResidual(c, y, r);
          call.x = image(c, x);
          call.y = y;
          runWindow(c.engine, call, c.threads);
        },
      };
    }
    const call = {
      a: weights.gemm(),
      lda: K,
      aPacked: true,
      b: 0,
      ldb: H * W,
      ...(pointwise ? {} : { im2col: { C: Cg, H: Hp, W: Wp, KH, KW, SH, SW, DH, DW, OH, OW } }),
      c: 0,
      ldc: OH * OW,
      M: Mg,
      N: OH * OW,
      K,
      bias: pBias,
      biasKind: hasBias ? (1 as const) : (0 as const),
      batch: { b1: N, b2: group, sa1: 0, sa2: weights.packedSize, sb1: C * Hp * Wp, sb2: Cg * Hp * Wp, sc1: M * OH * OW, sc2: Mg * OH * OW, sbias2: Mg },
      ...common,
    };
    return {
      ...base,
      go: (c, x, y, r) => {
        copyResidual(c, y, r);
        call.b = image(c, x);
        call.c = y;
        runGemm(c.engine, call, c.threads);
      },
    };
  };
  let last: Launch | undefined;
  return {
    run(ctx: FastRunContext): boolean {
      const x = floatInput(ctx, 0);
      if (!x || x.rank !== wt.rank || x.dims[1] !== Cg * group) return false;
      if (!sameDims(ctx.input(1)?.dims, wt.dims)) return false;
      const launch = last && sameDims(last.inDims, x.dims) ? last : launchFor(ctx, x.dims);
      if (!launch) return false;
      last = launch;
      let pr = 0;
      if (residual >= 0) {
        const r = floatInput(ctx, residual);
        if (!r || !sameDims(r.dims, launch.outDims)) return false;
        pr = ctx.ptr(residual);
      }
      const px = ctx.ptr(0);
      launch.go(ctx, px, ctx.output(0, launch.outDims), pr);
      return true;
    },
  };
}

/** Whether two dims lists are equal. */
function sameDims(a: readonly number[] | undefined, b: readonly number[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export const fastConv: FastOp = { opType: 'Conv', create: createConv, fuses: { clamp: true, affine: true, residual: true } };
