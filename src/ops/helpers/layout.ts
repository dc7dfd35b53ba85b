/**
 * Data movement for the shape and tensor operators (Transpose, Slice, Expand, Tile, Pad, Gather,
 * Concat ...): copying elements of any type (strings, int64, complex, narrow floats as bits)
 * by computed source offsets, without converting values.
 */
import { allocData, dtypeInfo, type TensorData } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { stridesOf } from './broadcast.js';
import { sizeOf } from './convert.js';

/** An element in storage form: a number (also the bits of narrow floats), a bigint or a string. */
export type Scalar = number | bigint | string;

/** Offset-table entry meaning "no source element": the output gets the fill value. */
export const FILL = -Infinity;

/** Indexable view of any tensor data, for copying elements without knowing their type. */
type Slots = { [i: number]: Scalar };

/**
 * Builds a tensor of `outDims` whose element (i0, ..., ik) is the source element at offset
 * tables[0][i0] + ... + tables[k][ik] (in elements); a sum that is not a valid offset (FILL in
 * some table) gives `fill` (zero / '' when not given). One table per output axis.
 */
export function gatherByTables(
  src: Tensor,
  outDims: readonly number[],
  tables: readonly Float64Array[],
  fill?: Scalar,
): Tensor {
  const dtype = src.dtype;
  const n = sizeOf(outDims);
  const out = allocData(dtype, n);
  if (n === 0) return Tensor.fromData(dtype, outDims, out);
  const sd = src.data() as unknown as Slots;
  const od = out as unknown as Slots;
  const lanes = dtypeInfo(dtype).lanes;
  const rank = outDims.length;
  if (rank === 0) {
    copyElement(sd, 0, od, 0, lanes);
    return Tensor.fromData(dtype, outDims, out);
  }
  const last = tables[rank - 1]!;
  const nl = outDims[rank - 1]!;
  const rows = n / nl;
  const counter = new Array<number>(rank - 1).fill(0);
  let base = 0;
  for (let d = 0; d < rank - 1; d++) base += tables[d]![0]!;
  let o = 0;
  for (let r = 0; r < rows; r++) {
    if (lanes === 1) {
      if (base >= 0) {
        for (let i = 0; i < nl; i++, o++) {
          const off = base + last[i]!;
          if (off >= 0) od[o] = sd[off]!;
          else if (fill !== undefined) od[o] = fill;
        }
      } else {
        if (fill !== undefined) for (let i = 0; i < nl; i++) od[o + i] = fill;
        o += nl;
      }
    } else {
      for (let i = 0; i < nl; i++, o++) {
        const off = base + last[i]!;
        if (off >= 0) copyElement(sd, off, od, o, lanes);
        else if (fill !== undefined) od[o * lanes] = fill;
      }
    }
    // Advance the counter over the outer axes; recompute the base (FILL entries make it -Infinity).
    for (let d = rank - 2; d >= 0; d--) {
      if (++counter[d]! < outDims[d]!) break;
      counter[d] = 0;
    }
    base = 0;
    for (let d = 0; d < rank - 1; d++) base += tables[d]![counter[d]!]!;
  }
  return Tensor.fromData(dtype, outDims, out);
}

function copyElement(src: Slots, si: number, dst: Slots, di: number, lanes: number): void {
  if (lanes === 1) dst[di] = src[si]!;
  else for (let l = 0; l < lanes; l++) dst[di * lanes + l] = src[si * lanes + l]!;
}

/** The table of an axis read straight: i * stride for i in [0, n). */
export function axisTable(n: number, stride: number): Float64Array {
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = i * stride;
  return t;
}

/** The same data under other dims (no copy: tensors are never mutated). */
export function reshaped(t: Tensor, dims: readonly number[]): Tensor {
  return Tensor.fromData(t.dtype, dims, t.data());
}

/** Permutes the axes of `t` (output axis d is input axis perm[d]). */
export function transposeTensor(t: Tensor, perm: readonly number[]): Tensor {
  const strides = stridesOf(t.dims);
  const outDims = perm.map((p) => t.dims[p]!);
  return gatherByTables(
    t,
    outDims,
    perm.map((p) => axisTable(t.dims[p]!, strides[p]!)),
  );
}

/** Element i of `data` in storage form. */
export function elementAt(data: TensorData, i: number): Scalar {
  return (data as unknown as Slots)[i]!;
}

/**
 * Copies `count` consecutive elements of `src` from element `si` into `dst` at element `di`
 * (lanes = numbers per element).
 */
export function copyRun(src: TensorData, si: number, dst: TensorData, di: number, count: number, lanes: number): void {
  if (count * lanes > 16 && !Array.isArray(src) && !Array.isArray(dst)) {
    (dst as Float64Array).set((src as Float64Array).subarray(si * lanes, (si + count) * lanes), di * lanes);
    return;
  }
  const s = src as unknown as Slots;
  const d = dst as unknown as Slots;
  for (let k = 0; k < count * lanes; k++) d[di * lanes + k] = s[si * lanes + k]!;
}

/** The first element of a tensor in storage form (a fill value given as a tensor). */
export function firstElement(t: Tensor): Scalar {
  return elementAt(t.data(), 0);
}

/** Copies one element (all its lanes) from `src` at si to `dst` at di. */
export function setElement(dst: TensorData, di: number, src: TensorData, si: number, lanes: number): void {
  copyElement(src as unknown as Slots, si, dst as unknown as Slots, di, lanes);
}

/** Fills all of `dst` with element `si` of `src`. */
export function fillElement(dst: TensorData, src: TensorData, si: number, lanes: number): void {
  if (lanes === 1) {
    (dst as unknown as Scalar[]).fill(elementAt(src, si));
    return;
  }
  const n = dst.length / lanes;
  for (let i = 0; i < n; i++) copyElement(src as unknown as Slots, si, dst as unknown as Slots, i, lanes);
}
