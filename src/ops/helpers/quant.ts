/**
 * Linear quantization: integer ranges of the quantized types, round-half-to-even, and the
 * layout of a scale / zero point against its tensor (per tensor, per axis, or blocked).
 */
import { DataType } from '../../ir/dtype.js';
import type { Dim, Shape } from '../../ir/types.js';
import { dimCeilDiv, dimConflicts } from './dims.js';

/** [min, max] of an integer quantized type; undefined for float types. */
export function intRange(t: DataType): [number, number] | undefined {
  switch (t) {
    case DataType.UINT8:
      return [0, 255];
    case DataType.INT8:
      return [-128, 127];
    case DataType.UINT16:
      return [0, 65535];
    case DataType.INT16:
      return [-32768, 32767];
    case DataType.INT32:
      return [-2147483648, 2147483647];
    case DataType.UINT4:
      return [0, 15];
    case DataType.INT4:
      return [-8, 7];
    case DataType.UINT2:
      return [0, 3];
    case DataType.INT2:
      return [-2, 1];
    default:
      return undefined;
  }
}

/** Rounds to the nearest integer, ties to even (numpy.rint). */
export function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** Clamps a rounded value into [lo, hi]; NaN goes to 0 clamped. */
export function clampInt(v: number, lo: number, hi: number): number {
  if (v < lo) return lo;
  if (v > hi) return hi;
  return v === v ? v : Math.min(Math.max(0, lo), hi);
}

/**
 * How a scale (and zero point) of dims `sDims` applies to a tensor of dims `xDims`: elements
 * are walked as [outer, axisLen, inner]; the scale index of element (o, a, i) is 0 (per tensor),
 * a (per axis) or ((o * ceil(axisLen / block) + floor(a / block)) * inner + i) (blocked).
 */
export interface QuantLayout {
  mode: 'tensor' | 'axis' | 'block';
  outer: number;
  axisLen: number;
  inner: number;
  block: number;
}

/** The layout of a scale against x, or a message saying why the shapes do not fit. */
export function quantLayout(xDims: readonly number[], sDims: readonly number[], axis: number, blockSize: number): QuantLayout | string {
  const size = xDims.reduce((a, b) => a * b, 1);
  const sSize = sDims.reduce((a, b) => a * b, 1);
  if (blockSize < 0) return `block_size must be >= 0, got ${blockSize}`;
  if (blockSize === 0 && sSize === 1 && sDims.length <= 1) return { mode: 'tensor', outer: 1, axisLen: 1, inner: size, block: 0 };
  const r = xDims.length;
  if (axis < -r || axis >= r) return `axis ${axis} is out of range for rank ${r}`;
  const ax = axis < 0 ? axis + r : axis;
  const outer = xDims.slice(0, ax).reduce((a, b) => a * b, 1);
  const inner = xDims.slice(ax + 1).reduce((a, b) => a * b, 1);
  const axisLen = xDims[ax]!;
  if (blockSize === 0) {
    if (sDims.length !== 1 || sDims[0] !== axisLen) {
      return `scale of shape [${sDims.join(',')}] is neither a scalar nor a 1-D tensor of ${axisLen} (dim ${ax} of [${xDims.join(',')}])`;
    }
    return { mode: 'axis', outer, axisLen, inner, block: 0 };
  }
  const blocks = Math.ceil(axisLen / blockSize);
  if (sDims.length !== r || sDims.some((d, i) => (i === ax ? d !== blocks : d !== xDims[i]))) {
    return `blocked scale must have shape [${xDims.map((d, i) => (i === ax ? blocks : d)).join(',')}] for x [${xDims.join(',')}], axis ${ax} and block_size ${blockSize}, got [${sDims.join(',')}]`;
  }
  return { mode: 'block', outer, axisLen, inner, block: blockSize };
}

/** Inference-time check of a scale shape against x (symbolic dims tolerated); a message or undefined. */
export function checkQuantShapes(x: Shape | undefined, s: Shape | undefined, axis: number, blockSize: number): string | undefined {
  if (!x || !s) return undefined;
  const r = x.length;
  if (blockSize === 0) {
    if (s.length === 0) return undefined;
    if (s.length !== 1) return `scale must be a scalar or 1-D (or use block_size), got rank ${s.length}`;
    if (s[0] === 1) return undefined;
    if (axis < -r || axis >= r) return `axis ${axis} is out of range for rank ${r}`;
    const ax = axis < 0 ? axis + r : axis;
    if (dimConflicts(s[0]!, x[ax]!)) return `scale has ${s[0]} values but dim ${ax} of x is ${x[ax]}`;
    return undefined;
  }
  if (axis < -r || axis >= r) return `axis ${axis} is out of range for rank ${r}`;
  const ax = axis < 0 ? axis + r : axis;
  if (s.length !== r) return `blocked scale must have the rank of x (${r}), got rank ${s.length}`;
  for (let i = 0; i < r; i++) {
    const want: Dim = i === ax ? dimCeilDiv(x[i]!, blockSize) : x[i]!;
    if (dimConflicts(want, s[i]!)) return `blocked scale dim ${i} is ${s[i]}, expected ${want}`;
  }
  return undefined;
}
