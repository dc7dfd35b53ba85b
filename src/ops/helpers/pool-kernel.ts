/**
 * N-D pooling over the planes of an [N, C, spatial...] tensor: max (with the flat argmax),
 * average (padding counted or not) and Lp. Window ranges are tabulated per axis once; the
 * innermost axis is a tight loop.
 */
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import type { FlopsContext, KernelContext } from '../types.js';
import { prodOf, readWindowAttrs, windowGeometry, type WindowGeometry } from './conv-pool.js';
import { sameKind, type FloatArray } from './conv-kernel.js';
import { tensorFromFloats, toFloat } from './convert.js';

export interface PoolOptions {
  mode: 'max' | 'avg' | 'lp';
  /** avg: divide by the taps inside the padded input instead of the taps inside the input. */
  countIncludePad?: boolean;
  /** lp: the exponent. */
  p?: number;
  /** max: receives the flat index (over the whole input) of each maximum. */
  indices?: BigInt64Array;
  /** max: 1 numbers spatial positions column-major in `indices`. */
  storageOrder?: number;
}

/** Pools `planes` planes of x into y (both row-major; y is [planes, prod(outDims)]). */
export function poolForward(x: FloatArray, planes: number, g: WindowGeometry, opts: PoolOptions, y: FloatArray): void {
  const nd = g.inDims.length;
  const last = nd - 1;
  let inSize = 1;
  let outSize = 1;
  for (let d = 0; d < nd; d++) {
    inSize *= g.inDims[d]!;
    outSize *= g.outDims[d]!;
  }
  const inStr = new Int32Array(nd);
  const colStr = new Int32Array(nd);
  for (let d = nd - 1, acc = 1; d >= 0; d--) {
    inStr[d] = acc;
    acc *= g.inDims[d]!;
  }
  for (let d = 0, acc = 1; d < nd; d++) {
    colStr[d] = acc;
    acc *= g.inDims[d]!;
  }
  // Per axis and output index: window start, first/end valid tap, taps inside the padded input.
  const tabOff = new Int32Array(nd + 1);
  for (let d = 0; d < nd; d++) tabOff[d + 1] = tabOff[d]! + g.outDims[d]!;
  const total = tabOff[nd]!;
  const start = new Int32Array(total);
  const kLo = new Int32Array(total);
  const kHi = new Int32Array(total);
  const padCnt = new Int32Array(total);
  for (let d = 0; d < nd; d++) {
    const s = g.strides[d]!;
    const dil = g.dilations[d]!;
    const k = g.kernel[d]!;
    const inD = g.inDims[d]!;
    const padEnd = g.padsEnd[d]!;
    for (let o = 0; o < g.outDims[d]!; o++) {
      const i = tabOff[d]! + o;
      const st = o * s - g.padsBegin[d]!;
      start[i] = st;
      kLo[i] = st >= 0 ? 0 : Math.min(k, Math.ceil(-st / dil));
      kHi[i] = Math.max(kLo[i]!, Math.min(k, Math.ceil((inD - st) / dil)));
      padCnt[i] = Math.max(0, Math.min(k, Math.ceil((inD + padEnd - st) / dil)));
    }
  }
  const mode = opts.mode === 'max' ? 0 : opts.mode === 'avg' ? 1 : 2;
  const includePad = opts.countIncludePad === true;
  const p = opts.p ?? 2;
  const indices = opts.indices;
  const colMajor = opts.storageOrder === 1;
  if (nd === 2 && !(indices && colMajor)) {
    pool2d(x, planes, g, mode, includePad, p, indices, { start, kLo, kHi, padCnt }, y);
    return;
  }
  const oIdx = new Int32Array(nd);
  const t = new Int32Array(nd);
  const dilL = g.dilations[last]!;
  for (let plane = 0; plane < planes; plane++) {
    const xOff = plane * inSize;
    oIdx.fill(0);
    for (let q = 0; q < outSize; q++) {
      let empty = false;
      let valid = 1;
      let padded = 1;
      for (let d = 0; d < nd; d++) {
        const i = tabOff[d]! + oIdx[d]!;
        const n = kHi[i]! - kLo[i]!;
        if (n <= 0) empty = true;
        valid *= n;
        padded *= padCnt[i]!;
        t[d] = kLo[i]!;
      }
      const iL = tabOff[last]! + oIdx[last]!;
      const loL = kLo[iL]!;
      const hiL = kHi[iL]!;
      const stL = start[iL]!;
      let acc = mode === 0 ? -Infinity : 0;
      let best = -1;
      while (!empty) {
        let off = xOff + stL;
        for (let d = 0; d < last; d++) off += (start[tabOff[d]! + oIdx[d]!]! + t[d]! * g.dilations[d]!) * inStr[d]!;
        if (mode === 0) {
          for (let k = loL; k < hiL; k++) {
            const v = x[off + k * dilL]!;
            if (v > acc || v !== v || best < 0) {
              acc = v;
              best = off + k * dilL;
            }
          }
        } else if (mode === 1) {
          for (let k = loL; k < hiL; k++) acc += x[off + k * dilL]!;
        } else if (p === 2) {
          for (let k = loL; k < hiL; k++) {
            const v = x[off + k * dilL]!;
            acc += v * v;
          }
        } else if (p === 1) {
          for (let k = loL; k < hiL; k++) acc += Math.abs(x[off + k * dilL]!);
        } else {
          for (let k = loL; k < hiL; k++) acc += Math.abs(x[off + k * dilL]!) ** p;
        }
        let d = last - 1;
        for (; d >= 0; d--) {
          const i = tabOff[d]! + oIdx[d]!;
          if (++t[d]! < kHi[i]!) break;
          t[d] = kLo[i]!;
        }
        if (d < 0) break;
      }
      const yi = plane * outSize + q;
      if (mode === 0) {
        y[yi] = acc;
        if (indices) {
          let idx = best < 0 ? xOff : best;
          if (colMajor && best >= 0) {
            let rem = best - xOff;
            idx = xOff;
            for (let d = 0; d < nd; d++) {
              const c = Math.floor(rem / inStr[d]!);
              rem -= c * inStr[d]!;
              idx += c * colStr[d]!;
            }
          }
          indices[yi] = BigInt(idx);
        }
      } else if (mode === 1) y[yi] = acc / (includePad ? padded : valid);
      else y[yi] = p === 2 ? Math.sqrt(acc) : p === 1 ? acc : acc ** (1 / p);
      for (let d = last; d >= 0; d--) {
        if (++oIdx[d]! < g.outDims[d]!) break;
        oIdx[d] = 0;
      }
    }
  }
}

/** The 2-D case of poolForward with the loops written out (tables as built there). */
function pool2d(
  x: FloatArray,
  planes: number,
  g: WindowGeometry,
  mode: number,
  includePad: boolean,
  p: number,
  indices: BigInt64Array | undefined,
  tab: { start: Int32Array; kLo: Int32Array; kHi: Int32Array; padCnt: Int32Array },
  y: FloatArray,
): void {
  const { start, kLo, kHi, padCnt } = tab;
  const [H, W] = g.inDims as [number, number];
  const [OH, OW] = g.outDims as [number, number];
  const [dh, dw] = g.dilations as [number, number];
  for (let plane = 0; plane < planes; plane++) {
    const xOff = plane * H * W;
    let yi = plane * OH * OW;
    for (let oh = 0; oh < OH; oh++) {
      const h0 = kLo[oh]!;
      const h1 = kHi[oh]!;
      const sh = start[oh]!;
      for (let ow = 0; ow < OW; ow++, yi++) {
        const j = OH + ow;
        const w0 = kLo[j]!;
        const w1 = kHi[j]!;
        const base = xOff + start[j]!;
        if (mode === 0) {
          let acc = -Infinity;
          let best = -1;
          for (let kh = h0; kh < h1; kh++) {
            const row = base + (sh + kh * dh) * W;
            for (let kw = w0; kw < w1; kw++) {
              const v = x[row + kw * dw]!;
              if (v > acc || v !== v || best < 0) {
                acc = v;
                best = row + kw * dw;
              }
            }
          }
          y[yi] = acc;
          if (indices) indices[yi] = BigInt(best < 0 ? xOff : best);
        } else {
          let acc = 0;
          for (let kh = h0; kh < h1; kh++) {
            const row = base + (sh + kh * dh) * W;
            if (mode === 1) for (let kw = w0; kw < w1; kw++) acc += x[row + kw * dw]!;
            else if (p === 2) {
              for (let kw = w0; kw < w1; kw++) {
                const v = x[row + kw * dw]!;
                acc += v * v;
              }
            } else if (p === 1) for (let kw = w0; kw < w1; kw++) acc += Math.abs(x[row + kw * dw]!);
            else for (let kw = w0; kw < w1; kw++) acc += Math.abs(x[row + kw * dw]!) ** p;
          }
          if (mode === 1) {
            const n = includePad ? padCnt[oh]! * padCnt[j]! : Math.max(0, h1 - h0) * Math.max(0, w1 - w0);
            y[yi] = acc / n;
          } else y[yi] = p === 2 ? Math.sqrt(acc) : p === 1 ? acc : acc ** (1 / p);
        }
      }
    }
  }
}

/** Reduces each plane of x entirely (global pooling): max, average, or Lp norm. */
export function globalPool(x: FloatArray, planes: number, size: number, mode: 'max' | 'avg' | 'lp', p: number, y: FloatArray): void {
  for (let plane = 0; plane < planes; plane++) {
    const o = plane * size;
    let acc = mode === 'max' ? -Infinity : 0;
    if (mode === 'max') {
      for (let i = 0; i < size; i++) {
        const v = x[o + i]!;
        if (v > acc || Number.isNaN(v)) acc = v;
      }
    } else if (mode === 'avg') {
      for (let i = 0; i < size; i++) acc += x[o + i]!;
      acc /= size;
    } else if (p === 2) {
      for (let i = 0; i < size; i++) acc += x[o + i]! * x[o + i]!;
      acc = Math.sqrt(acc);
    } else {
      for (let i = 0; i < size; i++) acc += Math.abs(x[o + i]!) ** p;
      acc = acc ** (1 / p);
    }
    y[plane] = acc;
  }
}

/**
 * The kernel of AveragePool, MaxPool and LpPool: reads the window attributes of the node,
 * pools X [N, C, spatial...] and returns Y (and, for max with two outputs, the int64 Indices).
 */
export function runPool(ctx: KernelContext, opts: Omit<PoolOptions, 'indices'>): Tensor[] {
  const X = ctx.input(0);
  if (X.rank < 3) ctx.fail(`X must have rank >= 3 (N, C, spatial...), got [${X.dims.join(',')}]`);
  const fail = (m: string) => ctx.fail(m);
  const wa = readWindowAttrs(ctx.attr, X.rank - 2, undefined, fail);
  if (wa.kernel.some((k) => k === null)) fail('attribute "kernel_shape" is required');
  const geom = windowGeometry(X.dims.slice(2), { ...wa, kernel: wa.kernel as number[] }, fail);
  const planes = X.dims[0]! * X.dims[1]!;
  const outDims = [X.dims[0]!, X.dims[1]!, ...geom.outDims];
  const outSize = outDims.reduce((a, b) => a * b, 1);
  const x = toFloat(X);
  const y = sameKind(x, outSize);
  const indices = opts.mode === 'max' && ctx.outputCount > 1 && ctx.outputNeeded(1) ? new BigInt64Array(outSize) : undefined;
  poolForward(x, planes, geom, { ...opts, ...(indices ? { indices } : {}) }, y);
  const out = [tensorFromFloats(X.dtype, outDims, y)];
  if (indices) out.push(Tensor.fromData(DataType.INT64, outDims, indices));
  return out;
}

/** FLOPs of a windowed pool: prod(Y) * prod(kernel_shape). */
export function poolFlops(ctx: FlopsContext): number | undefined {
  const y = prodOf(ctx.outputShape(0));
  const k = ctx.attr.optInts('kernel_shape');
  return y === undefined || !k ? undefined : y * k.reduce((a, b) => a * b, 1);
}

/** FLOPs of a global pool: prod(X). */
export function globalPoolFlops(ctx: FlopsContext): number | undefined {
  return prodOf(ctx.inputShape(0));
}
