/**
 * Values written by users in edits: shapes ("1,3,H,?"), dtypes, and attribute values, which are
 * read by the kind the attribute has (from the op's schema or the attribute already set).
 */
import { AttrType, attrTypeName, type Attribute, type AttrValue } from '../ir/attributes.js';
import { DataType, dtypeName, parseDtype } from '../ir/dtype.js';
import { Tensor } from '../ir/tensor.js';
import type { Dim, Shape } from '../ir/types.js';
import { OnnxError } from '../util/errors.js';
import { argError } from './session.js';
import type { AttrText, ShapeText } from './types.js';

const INT = /^[-+]?\d+$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** One dim: a size, a symbol, or unknown ("?", "-1", null). */
export function parseDim(d: Dim | string, where: string): Dim {
  if (d === null) return null;
  if (typeof d === 'number') {
    if (d === -1) return null;
    if (!Number.isSafeInteger(d) || d < 0) throw argError(`${where}: a dim must be a size >= 0, a symbol or "?", got ${d}`);
    return d;
  }
  const s = d.trim();
  if (s === '?' || s === '-1' || s === 'null') return null;
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '' || /^[-+.\d]/.test(s) || /[\s,]/.test(s)) {
    throw argError(`${where}: a dim must be a size >= 0, a symbol or "?", got "${s}"`, 'e.g. 1,3,224,224 or N,3,H,W');
  }
  return s;
}

/** A shape from its text ("1,3,H,W", "[]" for a scalar) or a JSON list. */
export function parseShape(shape: ShapeText, where: string): Shape {
  if (typeof shape !== 'string') {
    if (!Array.isArray(shape)) throw argError(`${where}: a shape is a list of dims or text like "1,3,H,W"`);
    return shape.map((d) => parseDim(d as Dim, where));
  }
  let s = shape.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1).trim();
  if (s === '') return [];
  return s.split(',').map((d) => parseDim(d, where));
}

/** A dtype by its CLI name or alias (float32, float16, int64, f16 ...). */
export function parseDtypeName(name: string, where: string): DataType {
  const t = parseDtype(name.trim());
  if (t === undefined || t === DataType.UNDEFINED) {
    throw argError(`${where}: unknown dtype "${name}"`, 'e.g. float32, float16, bfloat16, float64, int8, uint8, int32, int64, bool, string');
  }
  return t;
}

/** The attribute type a raw value most plausibly has, for ops without a schema. */
export function guessAttrType(raw: AttrText): AttrType {
  if (typeof raw === 'boolean') return AttrType.INT;
  if (typeof raw === 'number') return Number.isInteger(raw) ? AttrType.INT : AttrType.FLOAT;
  if (Array.isArray(raw)) {
    if (raw.every((x) => typeof x === 'number')) return (raw as number[]).every(Number.isInteger) ? AttrType.INTS : AttrType.FLOATS;
    return AttrType.STRINGS;
  }
  const s = (raw as string).trim();
  if (s.startsWith('@')) return AttrType.TENSOR;
  if (INT.test(s)) return AttrType.INT;
  if (NUMBER.test(s)) return AttrType.FLOAT;
  const items = listItems(s);
  if (items.length > 1 && items.every((x) => INT.test(x))) return AttrType.INTS;
  if (items.length > 1 && items.every((x) => NUMBER.test(x))) return AttrType.FLOATS;
  return AttrType.STRING;
}

/** Items of "1,2,3", "[1, 2, 3]" or a JSON list written as text. */
function listItems(s: string): string[] {
  let t = s.trim();
  if (t.startsWith('[') && t.endsWith(']')) t = t.slice(1, -1);
  if (t.trim() === '') return [];
  return t.split(',').map((x) => x.trim().replace(/^"(.*)"$/, '$1'));
}

function toInt(x: number | string | boolean, where: string): number | bigint {
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (typeof x === 'number') {
    if (!Number.isInteger(x)) throw argError(`${where}: expected an integer, got ${x}`);
    return x;
  }
  const s = x.trim();
  if (s === 'true' || s === 'false') return s === 'true' ? 1 : 0;
  if (!INT.test(s)) throw argError(`${where}: expected an integer, got "${x}"`);
  const big = BigInt(s);
  if (big > 2n ** 63n - 1n || big < -(2n ** 63n)) throw argError(`${where}: ${s} does not fit an int64`);
  return Number.isSafeInteger(Number(big)) ? Number(big) : big;
}

function toFloat(x: number | string | boolean, where: string): number {
  if (typeof x === 'number') return x;
  const s = String(x).trim().toLowerCase();
  if (s === 'inf' || s === '+inf' || s === 'infinity') return Infinity;
  if (s === '-inf' || s === '-infinity') return -Infinity;
  if (s === 'nan') return NaN;
  if (!NUMBER.test(s)) throw argError(`${where}: expected a number, got "${x}"`);
  return Number(s);
}

function items(raw: AttrText): (number | string)[] {
  if (Array.isArray(raw)) return [...(raw as (number | string)[])];
  if (typeof raw === 'string') return listItems(raw);
  return [raw as number];
}

/**
 * Reads a raw value as an attribute of type `type`. Tensor attributes take "@FILE" (a tensor
 * file, read by `readTensor`). Graph-valued attributes cannot be set this way.
 */
export function parseAttrValue(type: AttrType, raw: AttrText, where: string, readTensor: (file: string) => Tensor): AttrValue {
  switch (type) {
    case AttrType.INT:
      if (Array.isArray(raw)) throw argError(`${where}: expected one integer, got a list`);
      return toInt(raw as number | string | boolean, where);
    case AttrType.FLOAT:
      if (Array.isArray(raw)) throw argError(`${where}: expected one number, got a list`);
      return toFloat(raw as number | string | boolean, where);
    case AttrType.STRING:
      if (Array.isArray(raw)) throw argError(`${where}: expected a string, got a list`);
      return String(raw);
    case AttrType.INTS: {
      const ints = items(raw).map((x) => toInt(x, where));
      return ints.some((x) => typeof x === 'bigint') ? ints.map(BigInt) : (ints as number[]);
    }
    case AttrType.FLOATS:
      return items(raw).map((x) => toFloat(x, where));
    case AttrType.STRINGS:
      return items(raw).map(String);
    case AttrType.TENSOR: {
      const s = typeof raw === 'string' ? raw.trim() : '';
      if (!s.startsWith('@') || s.length < 2) throw argError(`${where}: a tensor attribute takes @FILE (.npy, .npz, .pb, .json)`);
      return readTensor(s.slice(1));
    }
    default:
      throw new OnnxError('E_UNSUPPORTED', `${where}: attributes of type ${attrTypeName(type)} cannot be set from the command line`);
  }
}

/** An attribute value as plain JSON for reports (tensors as their dtype and shape). */
export function attrJson(a: Attribute | undefined): unknown {
  if (!a) return null;
  const v = a.value;
  if (v instanceof Tensor) return { dtype: dtypeName(v.dtype), shape: [...v.dims] };
  if (a.type === AttrType.GRAPH || a.type === AttrType.GRAPHS) return `<${attrTypeName(a.type)}>`;
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'bigint' ? x.toString() : x instanceof Tensor ? { dtype: dtypeName(x.dtype), shape: [...x.dims] } : x));
  return v ?? null;
}

/** "[1,3,N,?]" for summaries. */
export function shapeText(shape: Shape | undefined): string {
  return shape ? `[${shape.map((d) => (d === null ? '?' : String(d))).join(',')}]` : 'unknown';
}

/** "a,b,c" -> ["a", "b", "c"] (blanks trimmed, empty items dropped). */
export function parseNameList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** "out1=in1,out2=in2" -> [["out1", "in1"], ["out2", "in2"]]. */
export function parseConnect(text: string, where = 'connect'): [string, string][] {
  return parseNameList(text).map((pair) => {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) throw argError(`${where}: expected OUT=IN pairs, got "${pair}"`, 'e.g. --connect logits=x,mask=attention_mask');
    return [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
  });
}
