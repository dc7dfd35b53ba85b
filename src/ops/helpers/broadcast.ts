/**
 * Multidirectional (numpy) broadcasting, Broadcasting.md: shapes are right-aligned; each pair of
 * dims must be equal or one of them 1.
 */
import type { Dim, Shape } from '../../ir/types.js';

/** The broadcast of static shapes, or undefined if they are incompatible. */
export function broadcastShapes(shapes: readonly (readonly number[])[]): number[] | undefined {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(rank).fill(1);
  for (const s of shapes) {
    const off = rank - s.length;
    for (let i = 0; i < s.length; i++) {
      const d = s[i]!;
      const o = out[off + i]!;
      if (o === 1) out[off + i] = d;
      else if (d !== 1 && d !== o) return undefined;
    }
  }
  return out;
}

/**
 * Broadcast of possibly symbolic shapes, for inference. Returns undefined if a rank is unknown;
 * throws via `fail` when two static dims conflict. A symbol against 1 gives the symbol; two
 * different symbols give the first (the model promises they broadcast) unless one is 1.
 */
export function broadcastDims(shapes: readonly (Shape | undefined)[], fail: (msg: string) => never): Dim[] | undefined {
  if (shapes.some((s) => s === undefined)) return undefined;
  const ss = shapes as readonly Shape[];
  const rank = Math.max(0, ...ss.map((s) => s.length));
  const out: Dim[] = new Array<Dim>(rank).fill(1);
  for (const s of ss) {
    const off = rank - s.length;
    for (let i = 0; i < s.length; i++) {
      const d = s[i]!;
      const o = out[off + i]!;
      if (o === 1) out[off + i] = d;
      else if (d === 1) continue;
      else if (typeof o === 'number' && typeof d === 'number') {
        if (o !== d) fail(`shapes [${ss.map((x) => x.join(',')).join('] and [')}] cannot be broadcast (dim ${off + i}: ${o} vs ${d})`);
      } else if (o === null || typeof d === 'number') out[off + i] = d;
      // Otherwise both are symbols (or d is unknown): keep the first, which the model promises broadcasts.
    }
  }
  return out;
}

/** Row-major strides of a shape. */
export function stridesOf(dims: readonly number[]): number[] {
  const s = new Array<number>(dims.length);
  let acc = 1;
  for (let i = dims.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= dims[i]!;
  }
  return s;
}

/** Strides to read an input of shape `inp` while walking an output of shape `out` (0 on broadcast dims). */
export function broadcastStrides(inp: readonly number[], out: readonly number[]): number[] {
  const st = stridesOf(inp);
  const off = out.length - inp.length;
  const res = new Array<number>(out.length).fill(0);
  for (let i = 0; i < inp.length; i++) res[off + i] = inp[i] === 1 ? 0 : st[i]!;
  return res;
}

/**
 * For each element of an output of shape `out`, the offset of the element of an input of shape
 * `inp` that broadcasts to it. Runs of dims the input walks contiguously (or not at all) are
 * merged, and the innermost run is written in one loop, so the cost is about one store per element.
 */
export function broadcastOffsets(inp: readonly number[], out: readonly number[]): Int32Array {
  const st = broadcastStrides(inp, out);
  const dims: number[] = [];
  const strides: number[] = [];
  for (let d = 0; d < out.length; d++) {
    const n = out[d]!;
    if (n === 1) continue;
    const last = dims.length - 1;
    if (last >= 0 && strides[last] === st[d]! * n) {
      dims[last] = dims[last]! * n;
      strides[last] = st[d]!;
    } else {
      dims.push(n);
      strides.push(st[d]!);
    }
  }
  let size = 1;
  for (const d of out) size *= d;
  const idx = new Int32Array(size);
  const m = dims.length;
  if (size === 0 || m === 0) return idx;
  const inner = dims[m - 1]!;
  const is = strides[m - 1]!;
  const counter = new Array<number>(m).fill(0);
  let base = 0;
  for (let o = 0; o < size; o += inner) {
    if (is === 0) idx.fill(base, o, o + inner);
    else for (let j = 0; j < inner; j++) idx[o + j] = base + j * is;
    for (let d = m - 2; d >= 0; d--) {
      base += strides[d]!;
      if (++counter[d]! < dims[d]!) break;
      base -= strides[d]! * dims[d]!;
      counter[d] = 0;
    }
  }
  return idx;
}

/**
 * For every element of the output, the offset of the element of each input it reads.
 * Returns one Int32Array per input (allocated once per call, not per element).
 */
export function broadcastIndex(inputs: readonly (readonly number[])[], out: readonly number[]): Int32Array[] {
  return inputs.map((s) => broadcastOffsets(s, out));
}

/**
 * Limited broadcasting of opset < 7 (`broadcast=1`, optional `axis`): B's shape must match a
 * contiguous run of A's dims starting at `axis` (default: suffix). Returns B's dims padded with
 * 1s to A's rank, so numpy broadcasting then gives the legacy result.
 */
export function legacyBroadcastDims(aDims: readonly number[], bDims: readonly number[], axis: number | undefined): number[] {
  const rank = aDims.length;
  const start = axis === undefined ? rank - bDims.length : axis < 0 ? axis + rank : axis;
  const out = new Array<number>(rank).fill(1);
  for (let i = 0; i < bDims.length; i++) out[start + i] = bDims[i]!;
  return out;
}
