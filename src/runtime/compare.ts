/**
 * Comparison of computed values with reference values, numpy.allclose style:
 * |a - e| <= atol + rtol * |e|, NaN equal to NaN, infinities equal when of the same sign.
 */
import { DataType, dtypeName } from '../ir/dtype.js';
import { Tensor } from '../ir/tensor.js';
import { isNarrowFloat, toFloat64 } from '../ops/helpers/convert.js';
import { MapValue, OptionalValue, SequenceValue, type RtValue } from '../ops/values.js';

export interface Tolerance {
  rtol: number;
  atol: number;
}

export interface Comparison {
  ok: boolean;
  /** Why the values differ structurally (type, shape, length), if they do. */
  reason?: string;
  maxAbsDiff: number;
  maxRelDiff: number;
  /** Elements outside tolerance, and elements compared. */
  mismatched: number;
  total: number;
}

function structural(reason: string): Comparison {
  return { ok: false, reason, maxAbsDiff: NaN, maxRelDiff: NaN, mismatched: 0, total: 0 };
}

function merge(parts: Comparison[]): Comparison {
  const out: Comparison = { ok: true, maxAbsDiff: 0, maxRelDiff: 0, mismatched: 0, total: 0 };
  for (const p of parts) {
    out.ok &&= p.ok;
    if (p.reason && !out.reason) out.reason = p.reason;
    out.maxAbsDiff = Math.max(out.maxAbsDiff, p.maxAbsDiff);
    out.maxRelDiff = Math.max(out.maxRelDiff, p.maxRelDiff);
    out.mismatched += p.mismatched;
    out.total += p.total;
  }
  return out;
}

export function compareValues(actual: RtValue | undefined, expected: RtValue | undefined, tol: Tolerance): Comparison {
  if (expected === undefined || actual === undefined) {
    return actual === expected ? merge([]) : structural(actual === undefined ? 'no value computed' : 'unexpected value');
  }
  if (expected instanceof Tensor) {
    if (!(actual instanceof Tensor)) return structural(`expected a tensor, got a ${actual.kind}`);
    return compareTensors(actual, expected, tol);
  }
  if (expected instanceof SequenceValue) {
    if (!(actual instanceof SequenceValue)) return structural(`expected a sequence, got ${actual instanceof Tensor ? 'a tensor' : `a ${actual.kind}`}`);
    if (actual.items.length !== expected.items.length) {
      return structural(`expected a sequence of ${expected.items.length}, got ${actual.items.length}`);
    }
    return merge(expected.items.map((e, i) => compareValues(actual.items[i], e, tol)));
  }
  if (expected instanceof OptionalValue) {
    // An optional holding a value compares equal to the bare value, as onnx's runner does.
    const a = actual instanceof OptionalValue ? actual.value : actual;
    return compareValues(a, expected.value, tol);
  }
  if (expected instanceof MapValue) {
    if (!(actual instanceof MapValue)) return structural('expected a map');
    if (actual.entries.size !== expected.entries.size) return structural('maps differ in size');
    return merge([...expected.entries].map(([k, e]) => compareValues(actual.entries.get(k), e, tol)));
  }
  return structural('unknown value kind');
}

export function compareTensors(a: Tensor, e: Tensor, tol: Tolerance): Comparison {
  if (a.dtype !== e.dtype) return structural(`expected ${dtypeName(e.dtype)}, got ${dtypeName(a.dtype)}`);
  if (a.dims.length !== e.dims.length || a.dims.some((d, i) => d !== e.dims[i])) {
    return structural(`expected shape [${e.dims.join(',')}], got [${a.dims.join(',')}]`);
  }
  const n = e.size;
  if (e.dtype === DataType.STRING) {
    const ad = a.data() as string[];
    const ed = e.data() as string[];
    let bad = 0;
    for (let i = 0; i < n; i++) if (ad[i] !== ed[i]) bad++;
    return { ok: bad === 0, maxAbsDiff: bad ? Infinity : 0, maxRelDiff: bad ? Infinity : 0, mismatched: bad, total: n };
  }
  const exactInts = e.dtype === DataType.INT64 || e.dtype === DataType.UINT64;
  if (exactInts) {
    const ad = a.data() as BigInt64Array;
    const ed = e.data() as BigInt64Array;
    let bad = 0;
    let maxAbs = 0;
    for (let i = 0; i < ad.length; i++) {
      if (ad[i] !== ed[i]) {
        bad++;
        maxAbs = Math.max(maxAbs, Math.abs(Number(ad[i]! - ed[i]!)));
      }
    }
    return { ok: bad === 0, maxAbsDiff: maxAbs, maxRelDiff: bad ? maxAbs : 0, mismatched: bad, total: n };
  }
  const ad = toFloat64(a);
  const ed = toFloat64(e);
  const floaty = isNarrowFloat(e.dtype) || e.dtype === DataType.FLOAT || e.dtype === DataType.DOUBLE || e.dtype === DataType.COMPLEX64 || e.dtype === DataType.COMPLEX128;
  let bad = 0;
  let maxAbs = 0;
  let maxRel = 0;
  for (let i = 0; i < ed.length; i++) {
    const x = ad[i]!;
    const y = ed[i]!;
    if (Number.isNaN(y) || Number.isNaN(x)) {
      if (!(Number.isNaN(x) && Number.isNaN(y))) bad++;
      continue;
    }
    if (x === y) continue;
    const d = Math.abs(x - y);
    if (!Number.isFinite(d)) {
      bad++;
      maxAbs = Infinity;
      continue;
    }
    maxAbs = Math.max(maxAbs, d);
    if (y !== 0) maxRel = Math.max(maxRel, d / Math.abs(y));
    const limit = floaty ? tol.atol + tol.rtol * Math.abs(y) : 0;
    if (d > limit) bad++;
  }
  return { ok: bad === 0, maxAbsDiff: maxAbs, maxRelDiff: maxRel, mismatched: bad, total: ed.length };
}
