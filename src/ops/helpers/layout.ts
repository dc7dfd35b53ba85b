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
 * The data as unsigned words so that copies are type-blind and fast: 1-, 2- and 4-byte elements
 * one word each, 8- and 16-byte elements (int64, double, complex) as 2 or 4 uint32 words.
 * Strings stay as they are (one "word" per element). Reading bigints would allocate; words do not.
 */
interface Words {
  w: Slots;
  /** Words per element. */
  k: number;
}

function wordsOf(data: TensorData, lanes: number): Words {
  if (Array.isArray(data)) return { w: data as unknown as Slots, k: 1 };
  const bytes = data.BYTES_PER_ELEMENT * lanes;
  const { buffer, byteOffset, byteLength } = data;
  if (bytes === 1) return { w: new Uint8Array(buffer, byteOffset, byteLength) as unknown as Slots, k: 1 };
  if (bytes === 2) return { w: new Uint16Array(buffer, byteOffset, byteLength / 2) as unknown as Slots, k: 1 };
  if (byteOffset % 4 === 0) return { w: new Uint32Array(buffer, byteOffset, byteLength / 4) as unknown as Slots, k: bytes / 4 };
  // Unaligned views cannot be reinterpreted; copy element by element in the original type.
  return { w: data as unknown as Slots, k: 0 };
}

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
  const lanes = dtypeInfo(dtype).lanes;
  const n = sizeOf(outDims);
  const out = allocData(dtype, n);
  if (n === 0) return Tensor.fromData(dtype, outDims, out);
  const sd = src.data();
  let s = wordsOf(sd, lanes);
  let d = wordsOf(out, lanes);
  let f: Words | undefined;
  if (fill !== undefined) f = wordsOf(allocFill(dtype, fill), lanes);
  if (s.k === 0 || d.k === 0) {
    // Rare unaligned data: generic element copies (lanes as separate numbers).
    s = { w: sd as unknown as Slots, k: lanes };
    d = { w: out as unknown as Slots, k: lanes };
    f = fill === undefined ? undefined : { w: allocFill(dtype, fill) as unknown as Slots, k: lanes };
  }
  if (outDims.length === 0) {
    for (let j = 0; j < s.k; j++) d.w[j] = s.w[j]!;
    return Tensor.fromData(dtype, outDims, out);
  }
  if (s.k === 1) copyTables1(s.w, d.w, outDims, tables, f?.w);
  else copyTablesK(s.w, d.w, s.k, outDims, tables, f?.w);
  return Tensor.fromData(dtype, outDims, out);
}

function allocFill(dtype: Tensor['dtype'], fill: Scalar): TensorData {
  const one = allocData(dtype, 1);
  (one as unknown as Slots)[0] = fill;
  return one;
}

/** The table walk for one word per element (the common case). */
function copyTables1(sw: Slots, dw: Slots, outDims: readonly number[], tables: readonly Float64Array[], fw: Slots | undefined): void {
  const rank = outDims.length;
  const last = tables[rank - 1]!;
  const nl = outDims[rank - 1]!;
  const rows = sizeOf(outDims) / nl;
  const counter = new Array<number>(rank - 1).fill(0);
  const fv = fw ? fw[0]! : undefined;
  let base = 0;
  for (let a = 0; a < rank - 1; a++) base += tables[a]![0]!;
  let o = 0;
  for (let r = 0; r < rows; r++) {
    if (base >= 0) {
      for (let i = 0; i < nl; i++, o++) {
        const off = base + last[i]!;
        if (off >= 0) dw[o] = sw[off]!;
        else if (fv !== undefined) dw[o] = fv;
      }
    } else {
      if (fv !== undefined) for (let i = 0; i < nl; i++) dw[o + i] = fv;
      o += nl;
    }
    base = advance(counter, outDims, tables);
  }
}

/** The table walk for k words per element. */
function copyTablesK(sw: Slots, dw: Slots, k: number, outDims: readonly number[], tables: readonly Float64Array[], fw: Slots | undefined): void {
  const rank = outDims.length;
  const last = tables[rank - 1]!;
  const nl = outDims[rank - 1]!;
  const rows = sizeOf(outDims) / nl;
  const counter = new Array<number>(rank - 1).fill(0);
  let base = 0;
  for (let a = 0; a < rank - 1; a++) base += tables[a]![0]!;
  let o = 0;
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < nl; i++, o += k) {
      const off = base + last[i]!;
      if (off >= 0) for (let j = 0, p = off * k; j < k; j++) dw[o + j] = sw[p + j]!;
      else if (fw) for (let j = 0; j < k; j++) dw[o + j] = fw[j]!;
    }
    base = advance(counter, outDims, tables);
  }
}

/** Steps the counter over the outer axes; returns the new base offset (-Infinity inside fill). */
function advance(counter: number[], outDims: readonly number[], tables: readonly Float64Array[]): number {
  for (let a = counter.length - 1; a >= 0; a--) {
    if (++counter[a]! < outDims[a]!) break;
    counter[a] = 0;
  }
  let base = 0;
  for (let a = 0; a < counter.length; a++) base += tables[a]![counter[a]!]!;
  return base;
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
  if (count * lanes > 64 && !Array.isArray(src) && !Array.isArray(dst)) {
    (dst as Float64Array).set((src as Float64Array).subarray(si * lanes, (si + count) * lanes), di * lanes);
    return;
  }
  const s = src as unknown as Slots;
  const d = dst as unknown as Slots;
  for (let k = 0; k < count * lanes; k++) d[di * lanes + k] = s[si * lanes + k]!;
}

/** A type-blind view of tensor data for repeated copies (make it once per kernel, not per copy). */
export interface WordView {
  readonly w: Slots;
  /** Words per element. */
  readonly k: number;
}

export function wordView(data: TensorData, lanes: number): WordView {
  const v = wordsOf(data, lanes);
  return v.k > 0 ? v : { w: data as unknown as Slots, k: lanes };
}

/** Copies `count` elements from s at element si to d at element di (views of one type). */
export function copyWords(s: WordView, si: number, d: WordView, di: number, count: number): void {
  const k = s.k;
  const sw = s.w;
  const dw = d.w;
  const n = count * k;
  if (n > 64 && !Array.isArray(sw)) {
    (dw as Uint32Array).set((sw as Uint32Array).subarray(si * k, si * k + n), di * k);
    return;
  }
  for (let j = 0, a = si * k, b = di * k; j < n; j++) dw[b + j] = sw[a + j]!;
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
