/**
 * Copies of blocks along one axis, for any element type (typed arrays, string arrays, complex
 * lanes): slicing a range of an axis, concatenating or stacking tensors along an axis.
 */
import { allocData, dtypeInfo, type DataType, type TensorData } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';

/** Copies n numbers (or strings) from src[so..] to dst[do..]. */
export function copyRange(dst: TensorData, dOff: number, src: TensorData, sOff: number, n: number): void {
  if (n <= 0) return;
  if (Array.isArray(dst)) {
    const s = src as string[];
    for (let i = 0; i < n; i++) dst[dOff + i] = s[sOff + i]!;
    return;
  }
  if (n < 16) {
    const d = dst as unknown as number[];
    const s = src as unknown as number[];
    for (let i = 0; i < n; i++) d[dOff + i] = s[sOff + i]!;
    return;
  }
  (dst as Float32Array).set((src as Float32Array).subarray(sOff, sOff + n), dOff);
}

/** outer = product of dims before axis, inner = product after it (in stored numbers). */
function split(dims: readonly number[], axis: number, lanes: number): [number, number] {
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= dims[i]!;
  let inner = lanes;
  for (let i = axis + 1; i < dims.length; i++) inner *= dims[i]!;
  return [outer, inner];
}

/** The elements [start, start+len) of `axis`; with `squeeze` (len 1) the axis is removed. */
export function sliceAxis(t: Tensor, axis: number, start: number, len: number, squeeze = false): Tensor {
  const dims = t.dims;
  const [outer, inner] = split(dims, axis, dtypeInfo(t.dtype).lanes);
  const n = dims[axis]!;
  const outDims = squeeze ? [...dims.slice(0, axis), ...dims.slice(axis + 1)] : [...dims.slice(0, axis), len, ...dims.slice(axis + 1)];
  const src = t.data();
  const out = allocData(t.dtype, outDims.reduce((a, b) => a * b, 1));
  const block = len * inner;
  for (let o = 0; o < outer; o++) copyRange(out, o * block, src, (o * n + start) * inner, block);
  return Tensor.fromData(t.dtype, outDims, out);
}

/** Concatenation along `axis` of tensors that agree on every other dim. */
export function concatAxis(dtype: DataType, parts: readonly Tensor[], axis: number, baseDims: readonly number[]): Tensor {
  const lanes = dtypeInfo(dtype).lanes;
  let total = 0;
  for (const p of parts) total += p.dims[axis]!;
  const outDims = [...baseDims.slice(0, axis), total, ...baseDims.slice(axis + 1)];
  const [outer, inner] = split(outDims, axis, lanes);
  const out = allocData(dtype, outDims.reduce((a, b) => a * b, 1));
  const rowOut = total * inner;
  let offset = 0;
  for (const p of parts) {
    const block = p.dims[axis]! * inner;
    const src = p.data();
    for (let o = 0; o < outer; o++) copyRange(out, o * rowOut + offset, src, o * block, block);
    offset += block;
  }
  return Tensor.fromData(dtype, outDims, out);
}

/** Stacks tensors of equal dims along a new axis `axis` (0..rank). */
export function stackAxis(dtype: DataType, parts: readonly Tensor[], axis: number, elemDims: readonly number[]): Tensor {
  const lanes = dtypeInfo(dtype).lanes;
  const outDims = [...elemDims.slice(0, axis), parts.length, ...elemDims.slice(axis)];
  const [outer, inner] = split(outDims, axis, lanes);
  const out = allocData(dtype, outDims.reduce((a, b) => a * b, 1));
  const rowOut = parts.length * inner;
  parts.forEach((p, k) => {
    const src = p.data();
    for (let o = 0; o < outer; o++) copyRange(out, o * rowOut + k * inner, src, o * inner, inner);
  });
  return Tensor.fromData(dtype, outDims, out);
}
