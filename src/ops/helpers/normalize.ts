/**
 * Shared pieces of the normalization and attention kernels: float compute buffers (float64 for
 * double tensors, float32 otherwise, narrow floats rounded once at the end) and scale/bias
 * parameters applied with unidirectional broadcasting.
 */
import { DataType } from '../../ir/dtype.js';
import type { Tensor } from '../../ir/tensor.js';
import { broadcastIndex } from './broadcast.js';
import { tensorFromFloats, toFloat } from './convert.js';
import type { FloatArray } from './softmax.js';

/** A zeroed buffer to compute results of `dtype` in: float64 for double, float32 otherwise. */
export function computeBuffer(dtype: DataType, n: number): FloatArray {
  return dtype === DataType.DOUBLE ? new Float64Array(n) : new Float32Array(n);
}

/** A tensor of `dtype` from a compute buffer (narrow floats rounded to nearest even, once). */
export function fromCompute(dtype: DataType, dims: readonly number[], buf: FloatArray): Tensor {
  return tensorFromFloats(dtype, dims, buf);
}

/** Whether `small` broadcasts to `big` by repeating along leading axes only (then index = i % size). */
export function isTrailingBroadcast(small: readonly number[], big: readonly number[]): boolean {
  let first = 0;
  while (first < small.length && small[first] === 1) first++;
  const rest = small.length - first;
  if (rest > big.length) return false;
  for (let i = 0; i < rest; i++) if (small[first + i] !== big[big.length - rest + i]) return false;
  return true;
}

/**
 * A parameter (scale, bias) read for each element of a tensor of shape `xDims`: `values` in
 * compute precision and `index` (undefined when element i reads values[i % values.length]).
 * Fails when the parameter is not unidirectionally broadcastable to `xDims`.
 */
export interface BroadcastParam {
  values: FloatArray;
  index?: Int32Array;
}

export function broadcastParam(p: Tensor, xDims: readonly number[], fail: (m: string) => never, what: string): BroadcastParam {
  if (p.rank > xDims.length) fail(`${what} of shape [${p.dims.join(',')}] has a higher rank than the input [${xDims.join(',')}]`);
  const off = xDims.length - p.rank;
  for (let i = 0; i < p.rank; i++) {
    const d = p.dims[i]!;
    if (d !== 1 && d !== xDims[off + i]) fail(`${what} of shape [${p.dims.join(',')}] does not broadcast to the input [${xDims.join(',')}]`);
  }
  const values = toFloat(p);
  if (isTrailingBroadcast(p.dims, xDims)) return { values };
  return { values, index: broadcastIndex([p.dims], xDims)[0]! };
}

/** y[i] = y[i] * scale[i] (+ bias[i]) over the whole buffer, with broadcast parameters. */
export function applyAffine(y: FloatArray, scale: BroadcastParam | undefined, bias: BroadcastParam | undefined): void {
  const n = y.length;
  if (scale) {
    const s = scale.values;
    const idx = scale.index;
    const len = s.length;
    if (idx) for (let i = 0; i < n; i++) y[i] = y[i]! * s[idx[i]!]!;
    else if (len === 1) {
      const v = s[0]!;
      for (let i = 0; i < n; i++) y[i] = y[i]! * v;
    } else for (let i = 0, j = 0; i < n; i++, j = j + 1 === len ? 0 : j + 1) y[i] = y[i]! * s[j]!;
  }
  if (bias) {
    const b = bias.values;
    const idx = bias.index;
    const len = b.length;
    if (idx) for (let i = 0; i < n; i++) y[i] = y[i]! + b[idx[i]!]!;
    else if (len === 1) {
      const v = b[0]!;
      for (let i = 0; i < n; i++) y[i] = y[i]! + v;
    } else for (let i = 0, j = 0; i < n; i++, j = j + 1 === len ? 0 : j + 1) y[i] = y[i]! + b[j]!;
  }
}
