import { DataType, dtypeName } from './dtype.js';

/**
 * One dimension of a shape: a number (static), a string (symbolic: a `dim_param` name or an
 * expression such as `N+5` or `2*N` minted by inference), or null (unknown).
 */
export type Dim = number | string | null;
export type Shape = readonly Dim[];

/** The type of a value. `shape` undefined means the rank is unknown. */
export type ValueType =
  | TensorType
  | { readonly kind: 'sparse_tensor'; readonly elemType: DataType; readonly shape?: Shape; readonly denotation?: string; readonly dimDenotations?: readonly (string | undefined)[] }
  | { readonly kind: 'sequence'; readonly elem?: ValueType; readonly denotation?: string }
  | { readonly kind: 'optional'; readonly elem?: ValueType; readonly denotation?: string }
  | { readonly kind: 'map'; readonly keyType: DataType; readonly value?: ValueType; readonly denotation?: string }
  | { readonly kind: 'opaque'; readonly domain: string; readonly name: string; readonly denotation?: string }
  /** A TypeProto with no value set: kept so that it round-trips. */
  | { readonly kind: 'unset'; readonly denotation?: string };

export interface TensorType {
  readonly kind: 'tensor';
  /** DataType.UNDEFINED (0) when the element type is not known. */
  readonly elemType: DataType;
  readonly shape?: Shape;
  readonly denotation?: string;
  /** Per-dimension denotations (DimensionDenotation.md), kept for round trips. */
  readonly dimDenotations?: readonly (string | undefined)[];
}

export function tensorType(elemType: DataType, shape?: Shape): TensorType {
  return shape === undefined ? { kind: 'tensor', elemType } : { kind: 'tensor', elemType, shape };
}

export function isTensorType(t: ValueType | undefined): t is TensorType {
  return t?.kind === 'tensor';
}

/** Number of elements of a fully static shape; undefined if any dim is not a number. */
export function staticSize(shape: Shape | undefined): number | undefined {
  if (!shape) return undefined;
  let n = 1;
  for (const d of shape) {
    if (typeof d !== 'number') return undefined;
    n *= d;
  }
  return n;
}

export function isStaticShape(shape: Shape | undefined): shape is readonly number[] {
  return shape !== undefined && shape.every((d) => typeof d === 'number');
}

/** ONNX type string of a value type: tensor(float), seq(tensor(int64)), optional(...), map(...). */
export function typeString(t: ValueType | undefined): string {
  if (!t) return '?';
  switch (t.kind) {
    case 'tensor':
      return `tensor(${elemTypeString(t.elemType)})`;
    case 'sparse_tensor':
      return `sparse_tensor(${elemTypeString(t.elemType)})`;
    case 'sequence':
      return `seq(${typeString(t.elem)})`;
    case 'optional':
      return `optional(${typeString(t.elem)})`;
    case 'map':
      return `map(${elemTypeString(t.keyType)},${typeString(t.value)})`;
    case 'opaque':
      return `opaque(${t.domain},${t.name})`;
    case 'unset':
      return '?';
  }
}

/** Element type in ONNX type-string spelling ('float', 'double', 'int64' ...). */
export function elemTypeString(t: DataType): string {
  switch (t) {
    case DataType.FLOAT:
      return 'float';
    case DataType.DOUBLE:
      return 'double';
    case DataType.UNDEFINED:
      return '?';
    default:
      return dtypeName(t);
  }
}

/** Human form of a shape: [1,3,"N",?]. */
export function shapeString(shape: Shape | undefined): string {
  if (!shape) return '?';
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(',')}]`;
}

/** Structural equality of two value types (dims compared exactly, symbols by name). */
export function sameType(a: ValueType | undefined, b: ValueType | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'tensor':
    case 'sparse_tensor': {
      const bb = b as typeof a;
      return a.elemType === bb.elemType && sameShape(a.shape, bb.shape);
    }
    case 'sequence':
    case 'optional':
      return sameType(a.elem, (b as typeof a).elem);
    case 'map': {
      const bb = b as typeof a;
      return a.keyType === bb.keyType && sameType(a.value, bb.value);
    }
    case 'opaque': {
      const bb = b as typeof a;
      return a.domain === bb.domain && a.name === bb.name;
    }
    case 'unset':
      return true;
  }
}

export function sameShape(a: Shape | undefined, b: Shape | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
