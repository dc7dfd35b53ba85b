import { defineOp } from '../define.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { encodeFloats, scalarOf, toFloat64 } from '../helpers/convert.js';
import { dimAdd, dimFloorDiv, dimMul, dimSub } from '../helpers/dims.js';
import { fftPlan } from '../helpers/fft.js';
import type { FlopsContext, InferContext, InferFn, KernelContext, KernelFn } from '../types.js';

/** Normalizes a DFT axis: [-r, -2] or [0, r-2] for a tensor of rank r (the last dim holds re/im). */
function dftAxis(axis: number, rank: number, fail: (m: string) => never): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a > rank - 2) fail(`axis ${axis} is out of range for rank ${rank} (the last dim holds real/imaginary parts)`);
  return a;
}

/** Axis of DFT-17 (attribute) or DFT-20 (optional input, default -2). */
type AxisOf = (ctx: { attr: InferContext['attr'] }, read: () => number | undefined) => number | undefined;
const axisAttr: AxisOf = (ctx) => ctx.attr.int('axis');
const axisInput: AxisOf = (_ctx, read) => read();

/**
 * DFT along `axis` of x (last dim 1 = real, 2 = complex), truncated or zero-padded to n points.
 * Returns output dims and data (float64, interleaved re/im or real for IRFFT).
 */
export function dftCompute(
  x: Float64Array,
  dims: readonly number[],
  axis: number,
  n: number,
  inverse: boolean,
  onesided: boolean,
): { dims: number[]; data: Float64Array } {
  const rank = dims.length;
  const lanes = dims[rank - 1]!;
  const len = dims[axis]!;
  let outer = 1;
  for (let d = 0; d < axis; d++) outer *= dims[d]!;
  let inner = 1;
  for (let d = axis + 1; d < rank - 1; d++) inner *= dims[d]!;
  const irfft = inverse && onesided;
  const outLen = irfft ? n : onesided ? (n >> 1) + 1 : n;
  const outLanes = irfft ? 1 : 2;
  const outDims = [...dims];
  outDims[axis] = outLen;
  outDims[rank - 1] = outLanes;
  const out = new Float64Array(outer * outLen * inner * outLanes);
  const plan = fftPlan(n);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const scale = inverse ? 1 / n : 1;
  for (let a = 0; a < outer; a++) {
    for (let j = 0; j < inner; j++) {
      re.fill(0);
      im.fill(0);
      if (irfft) {
        // Rebuild the full Hermitian spectrum from its first n/2+1 bins.
        const take = Math.min(len, (n >> 1) + 1);
        for (let k = 0; k < take; k++) {
          const src = ((a * len + k) * inner + j) * lanes;
          re[k] = x[src]!;
          im[k] = lanes === 2 ? x[src + 1]! : 0;
        }
        for (let k = 1; k < n - k; k++) {
          if (k < take) {
            re[n - k] = re[k]!;
            im[n - k] = -im[k]!;
          }
        }
      } else {
        const take = Math.min(len, n);
        for (let k = 0; k < take; k++) {
          const src = ((a * len + k) * inner + j) * lanes;
          re[k] = x[src]!;
          if (lanes === 2) im[k] = x[src + 1]!;
        }
      }
      plan.run(re, im, inverse);
      for (let k = 0; k < outLen; k++) {
        const dst = ((a * outLen + k) * inner + j) * outLanes;
        out[dst] = re[k]! * scale;
        if (outLanes === 2) out[dst + 1] = im[k]! * scale;
      }
    }
  }
  return { dims: outDims, data: out };
}

function dftKernel(axisOf: AxisOf): KernelFn {
  return function dft(ctx: KernelContext) {
    const fail: (m: string) => never = (m) => ctx.fail(m);
    const x = ctx.input(0);
    const rank = x.rank;
    if (rank < 2) fail(`input must have rank 2 or more, got ${rank}`);
    const lanes = x.dims[rank - 1]!;
    if (lanes !== 1 && lanes !== 2) fail(`the last dim of input must be 1 (real) or 2 (complex), got ${lanes}`);
    const axisT = ctx.optionalInput(2);
    const axis = dftAxis(axisOf(ctx, () => (axisT ? scalarOf(axisT) : -2)) ?? -2, rank, fail);
    const inverse = ctx.attr.int('inverse') !== 0;
    const onesided = ctx.attr.int('onesided') !== 0;
    const lenT = ctx.optionalInput(1);
    const len = x.dims[axis]!;
    const n = lenT ? scalarOf(lenT) : inverse && onesided ? 2 * (len - 1) : len;
    if (!Number.isInteger(n) || n < 1) fail(`dft_length must be a positive integer, got ${n}`);
    const r = dftCompute(toFloat64(x), x.dims, axis, n, inverse, onesided);
    return [Tensor.fromData(x.dtype, r.dims, encodeFloats(x.dtype, r.data))];
  };
}

function inferDft(axisOf: AxisOf): InferFn {
  return function infer(ctx: InferContext): (ValueType | undefined)[] {
    const fail: (m: string) => never = (m) => ctx.fail(m);
    const x = ctx.input(0);
    const shape = x.shape;
    if (!shape) return [tensorType(x.elemType)];
    const rank = shape.length;
    if (rank < 2) fail(`input must have rank 2 or more, got ${rank}`);
    const lanes = shape[rank - 1];
    if (typeof lanes === 'number' && lanes !== 1 && lanes !== 2) fail(`the last dim of input must be 1 (real) or 2 (complex), got ${lanes}`);
    let axisKnown = true;
    const raw = axisOf(ctx, () => {
      if (!ctx.has(2)) return -2;
      const v = ctx.input(2).value;
      if (!v) axisKnown = false;
      return v ? scalarOf(v) : undefined;
    });
    const inverse = ctx.attr.int('inverse') !== 0;
    const onesided = ctx.attr.int('onesided') !== 0;
    const lastLanes = inverse && onesided ? 1 : 2;
    if (raw === undefined || !axisKnown) {
      return [tensorType(x.elemType, [...shape.slice(0, rank - 1).map(() => null), lastLanes])];
    }
    const axis = dftAxis(raw, rank, fail);
    const len = shape[axis]!;
    let n: Dim;
    if (ctx.has(1)) {
      const v = ctx.input(1).symbolic;
      n = v && v.length === 1 ? v[0]! : null;
      if (typeof n === 'number' && n < 1) fail(`dft_length must be positive, got ${n}`);
    } else n = inverse && onesided ? dimSub(dimMul(len, 2), 2) : len;
    const outLen = inverse && onesided ? n : onesided ? dimAdd(dimFloorDiv(n, 2), 1) : n;
    const out = [...shape];
    out[axis] = outLen;
    out[rank - 1] = lastLanes;
    return [tensorType(x.elemType, out)];
  };
}

/** About 5 n log2 n per transformed line. */
function dftFlops(ctx: FlopsContext): number | undefined {
  const out = ctx.outputShape(0);
  const inp = ctx.inputShape(0);
  if (!out || !inp) return undefined;
  let total = 1;
  for (const d of out) total *= d;
  const n = Math.max(...out.slice(0, -1).map((d, i) => (d !== inp[i] ? d : 0)), 2);
  return Math.round((5 * total * Math.log2(n)) / 2);
}

/** DFT: forward/inverse discrete Fourier transform of a real or complex signal along one axis. */
export default defineOp({
  opType: 'DFT',
  category: 'signal',
  flops: dftFlops,
  versions: [
    { since: 17, inputs: 'input:T1, dft_length?:T2', outputs: 'output:T1', attrs: { axis: 'int=1', inverse: 'int=0', onesided: 'int=0' }, types: { T1: 'float16 float double bfloat16', T2: 'int32 int64' }, infer: inferDft(axisAttr), kernel: dftKernel(axisAttr) },
    { since: 20, inputs: 'input:T1, dft_length?:T2, axis?:tensor(int64)', outputs: 'output:T1', attrs: { inverse: 'int=0', onesided: 'int=0' }, types: { T1: 'bfloat16 float16 float double', T2: 'int32 int64' }, infer: inferDft(axisInput), kernel: dftKernel(axisInput) },
  ],
});
