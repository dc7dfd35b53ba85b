/** Index arithmetic shared by GatherElements and ScatterElements (and the legacy Scatter). */
import { stridesOf } from './broadcast.js';

/**
 * For each element of an index tensor of shape `idxDims` (same rank as `dataDims`), the offset
 * in data of the element it designates: its own coordinates, with the one along `axis`
 * replaced by its value (negative values count from the end).
 */
export function elementOffsets(
  dataDims: readonly number[],
  idxDims: readonly number[],
  axis: number,
  idx: readonly number[],
  fail: (m: string) => never,
): Int32Array {
  const rank = dataDims.length;
  if (idxDims.length !== rank) fail(`indices have rank ${idxDims.length}, data rank ${rank}`);
  for (let d = 0; d < rank; d++) {
    if (d !== axis && idxDims[d]! > dataDims[d]!) fail(`indices shape [${idxDims.join(',')}] exceeds data shape [${dataDims.join(',')}] on axis ${d}`);
  }
  const n = idx.length;
  const out = new Int32Array(n);
  if (n === 0) return out;
  const strides = stridesOf(dataDims);
  const size = dataDims[axis]!;
  const counter = new Array<number>(rank).fill(0);
  let base = 0;
  for (let i = 0; i < n; i++) {
    let v = idx[i]!;
    if (v < -size || v >= size) fail(`index ${v} is out of range for axis ${axis} of size ${size}`);
    if (v < 0) v += size;
    out[i] = base + v * strides[axis]!;
    for (let d = rank - 1; d >= 0; d--) {
      if (d !== axis) base += strides[d]!;
      if (++counter[d]! < idxDims[d]!) break;
      if (d !== axis) base -= strides[d]! * idxDims[d]!;
      counter[d] = 0;
    }
  }
  return out;
}
