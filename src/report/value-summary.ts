import type { Dim, ValueType } from '../ir/types.js';
import { typeString } from '../ir/types.js';
import { dtypeName } from '../ir/dtype.js';
import type { Value } from '../ir/value.js';

/** A value as the CLI reports it: {"name", "dtype", "shape"}; shape null when the rank is unknown. */
export interface ValueSummary {
  name: string;
  dtype: string | null;
  /** The value's own shape array, not a copy (reports are read, never changed). */
  shape: readonly Dim[] | null;
}

export function dtypeOf(t: ValueType | undefined): string | null {
  if (!t) return null;
  if (t.kind === 'tensor') return t.elemType ? dtypeName(t.elemType) : null;
  return typeString(t);
}

export function shapeOf(t: ValueType | undefined): readonly Dim[] | null {
  if (!t || (t.kind !== 'tensor' && t.kind !== 'sparse_tensor') || !t.shape) return null;
  return t.shape;
}

export function summarizeValue(v: Value): ValueSummary {
  return { name: v.name, dtype: dtypeOf(v.type), shape: shapeOf(v.type) };
}
