/**
 * Short text forms of types and attribute values for pictures: an edge label must fit beside an
 * arrow, and an attribute in the HTML side panel must not be a megabyte of numbers.
 */
import { AttrType, type Attribute } from '../ir/attributes.js';
import { dtypeName } from '../ir/dtype.js';
import { Graph } from '../ir/graph.js';
import { Tensor } from '../ir/tensor.js';
import { typeString, type Dim, type Shape, type ValueType } from '../ir/types.js';

/** Symbols minted by inference for dims it could not know read as "?" in a picture. */
function dimText(d: Dim): string {
  if (d === null) return '?';
  if (typeof d === 'string' && d.startsWith('unk__')) return '?';
  return String(d);
}

export function shapeText(shape: Shape | undefined): string {
  return shape ? `[${shape.map(dimText).join(',')}]` : '';
}

/** "float32[1,3,224,224]", "int64[]" (a scalar), "float32" (rank unknown), "seq(tensor(float))". */
export function typeText(t: ValueType | undefined): string {
  if (!t || t.kind === 'unset') return '';
  if (t.kind === 'tensor' || t.kind === 'sparse_tensor') {
    if (!t.elemType && !t.shape) return '';
    const dtype = t.elemType ? dtypeName(t.elemType) : '?';
    const prefix = t.kind === 'sparse_tensor' ? 'sparse ' : '';
    return `${prefix}${dtype}${shapeText(t.shape)}`;
  }
  return typeString(t);
}

/** Type text of a tensor's own dtype and dims (initializers). */
export function tensorText(t: Tensor): string {
  return `${dtypeName(t.dtype)}[${t.dims.join(',')}]`;
}

const MAX_ITEMS = 16;
const MAX_CHARS = 200;

function clip(s: string): string {
  return s.length > MAX_CHARS ? `${s.slice(0, MAX_CHARS - 1)}…` : s;
}

function listText(items: readonly unknown[], item: (x: unknown) => string): string {
  const shown = items.slice(0, MAX_ITEMS).map(item);
  if (items.length > MAX_ITEMS) shown.push(`… ${items.length - MAX_ITEMS} more`);
  return `[${shown.join(', ')}]`;
}

function numberText(x: unknown): string {
  if (typeof x === 'number') return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
  return String(x);
}

/** A tensor attribute: its type, and its values when it is small and in memory. */
function tensorValueText(t: Tensor): string {
  const head = tensorText(t);
  if (t.size > MAX_ITEMS || !t.isLoaded) return head;
  try {
    const data = t.data();
    return `${head} ${listText(Array.from(data as ArrayLike<unknown>), numberText)}`;
  } catch {
    return head;
  }
}

/** One attribute value as a short line of text. */
export function attributeText(a: Attribute): string {
  if (a.refAttrName) return `@${a.refAttrName}`;
  const v = a.value;
  switch (a.type) {
    case AttrType.FLOAT:
    case AttrType.INT:
      return numberText(v);
    case AttrType.STRING:
      return clip(JSON.stringify(v));
    case AttrType.FLOATS:
    case AttrType.INTS:
      return listText(v as unknown[], numberText);
    case AttrType.STRINGS:
      return clip(listText(v as unknown[], (s) => JSON.stringify(s)));
    case AttrType.TENSOR:
      return v instanceof Tensor ? tensorValueText(v) : 'tensor';
    case AttrType.TENSORS:
      return listText(v as Tensor[], (t) => tensorText(t as Tensor));
    case AttrType.GRAPH:
      return v instanceof Graph ? `graph "${v.name}" (${v.size} nodes)` : 'graph';
    case AttrType.GRAPHS:
      return `${(v as Graph[]).length} graphs`;
    case AttrType.TYPE_PROTO:
      return typeText(v as ValueType) || 'type';
    default:
      return clip(String(v));
  }
}
