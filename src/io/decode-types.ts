/**
 * TypeProto, ValueInfoProto and StringStringEntryProto read straight from the wire into the IR,
 * for the direct model decoder. Each function builds exactly what from-proto.ts builds from the
 * generated message (same objects, same key order); see that file for the meaning of each rule.
 */
import type { DataType } from '../ir/dtype.js';
import type { Dim, ValueType } from '../ir/types.js';
import type { Value } from '../ir/value.js';
import { LEN, VARINT, type WireReader } from './wire.js';

/** Deeper nesting is left to the generated decoder, which enforces protobufjs's recursion limit. */
export const MAX_DEPTH = 64;

/** A StringStringEntryProto at [s, e) as a [key, value] pair. */
export function readPair(r: WireReader, e: number): [string, string] {
  let key = '';
  let value = '';
  while (r.next(e)) {
    if (r.field === 1) {
      r.expect(LEN);
      key = r.string(e);
    } else if (r.field === 2) {
      r.expect(LEN);
      value = r.string(e);
    } else r.skip(e);
  }
  return [key, value];
}

/** TensorShapeProto at [pos, e) -> dims and, when any dim has one, per-dim denotations. */
function readShape(r: WireReader, e: number, into: { shape?: Dim[]; dimDenotations?: (string | undefined)[] }): void {
  const shape: Dim[] = [];
  let denotations: [number, string][] | undefined;
  while (r.next(e)) {
    if (r.field !== 1) {
      r.skip(e);
      continue;
    }
    r.expect(LEN);
    const de = r.len(e);
    let dim: Dim = null;
    let set = 0;
    while (r.next(de)) {
      if (r.field === 1) {
        r.expect(VARINT);
        r.int64(de);
        const n = r.exact();
        if (n === undefined) r.fail(); // the slow path reports E_INT64_RANGE
        dim = n;
        set++;
      } else if (r.field === 2) {
        r.expect(LEN);
        dim = r.string(de);
        set++;
      } else if (r.field === 3) {
        r.expect(LEN);
        const d = r.string(de);
        if (d) (denotations ??= []).push([shape.length, d]);
      } else r.skip(de);
    }
    if (set > 1) r.fail(); // a oneof given twice: the generated code's last-wins rule applies
    shape.push(dim);
  }
  into.shape = shape;
  if (denotations) {
    const all = new Array<string | undefined>(shape.length).fill(undefined);
    for (const [i, d] of denotations) all[i] = d;
    into.dimDenotations = all;
  }
}

/** TypeProto.Tensor / SparseTensor body -> ValueType. */
function readTensorType(r: WireReader, e: number, kind: 'tensor' | 'sparse_tensor', denotation: string): ValueType {
  let elemType = 0;
  let shapeAt = -1;
  let shapeEnd = -1;
  while (r.next(e)) {
    if (r.field === 1) {
      r.expect(VARINT);
      elemType = r.int32(e);
    } else if (r.field === 2) {
      r.expect(LEN);
      if (shapeAt >= 0) r.fail(); // repeated sub-message: merged by the generated code
      shapeEnd = r.len(e);
      shapeAt = r.pos;
      r.pos = shapeEnd;
    } else r.skip(e);
  }
  const t: { kind: string; elemType: DataType; denotation?: string; shape?: Dim[]; dimDenotations?: (string | undefined)[] } = denotation
    ? { kind, elemType, denotation }
    : { kind, elemType };
  if (shapeAt >= 0) {
    r.pos = shapeAt;
    readShape(r, shapeEnd, t);
    r.pos = e;
  }
  return t as ValueType;
}

/** The single TypeProto field of Sequence / Optional, or undefined. */
function readElem(r: WireReader, e: number, field: number, depth: number): ValueType | undefined {
  let elem: ValueType | undefined;
  while (r.next(e)) {
    if (r.field === field) {
      r.expect(LEN);
      if (elem) r.fail();
      const ee = r.len(e);
      elem = readType(r, ee, depth + 1);
    } else r.skip(e);
  }
  return elem;
}

/** TypeProto at [pos, e) -> ValueType, as typeFromProto builds it. */
export function readType(r: WireReader, e: number, depth: number): ValueType {
  if (depth > MAX_DEPTH) r.fail();
  let which = 0;
  let at = -1;
  let end = -1;
  let count = 0;
  let denotation = '';
  while (r.next(e)) {
    const f = r.field;
    if (f === 6) {
      r.expect(LEN);
      denotation = r.string(e);
    } else if (f === 1 || f === 4 || f === 5 || f === 7 || f === 8 || f === 9) {
      r.expect(LEN);
      end = r.len(e);
      at = r.pos;
      which = f;
      count++;
      r.pos = end;
    } else r.skip(e);
  }
  if (count > 1) r.fail(); // oneof members given more than once: left to the generated code
  r.pos = at;
  let t: ValueType;
  switch (which) {
    case 1:
      t = readTensorType(r, end, 'tensor', denotation);
      break;
    case 8:
      t = readTensorType(r, end, 'sparse_tensor', denotation);
      break;
    case 4:
    case 9: {
      const elem = readElem(r, end, 1, depth + 1);
      const kind = which === 4 ? 'sequence' : 'optional';
      t = elem ? (denotation ? { kind, elem, denotation } : { kind, elem }) : denotation ? { kind, denotation } : { kind };
      break;
    }
    case 5: {
      let keyType = 0;
      let value: ValueType | undefined;
      while (r.next(end)) {
        if (r.field === 1) {
          r.expect(VARINT);
          keyType = r.int32(end);
        } else if (r.field === 2) {
          r.expect(LEN);
          if (value) r.fail();
          value = readType(r, r.len(end), depth + 2);
        } else r.skip(end);
      }
      const base = { kind: 'map' as const, keyType: keyType as DataType };
      t = value ? { ...base, value, ...(denotation ? { denotation } : {}) } : { ...base, ...(denotation ? { denotation } : {}) };
      break;
    }
    case 7: {
      let domain = '';
      let name = '';
      while (r.next(end)) {
        if (r.field === 1) {
          r.expect(LEN);
          domain = r.string(end);
        } else if (r.field === 2) {
          r.expect(LEN);
          name = r.string(end);
        } else r.skip(end);
      }
      t = denotation ? { kind: 'opaque', domain, name, denotation } : { kind: 'opaque', domain, name };
      break;
    }
    default:
      t = denotation ? { kind: 'unset', denotation } : { kind: 'unset' };
  }
  r.pos = e;
  return t;
}

/** A ValueInfoProto's fields; `type` is read only once the Value it describes is known. */
export interface ValueInfoFields {
  name: string;
  typeAt: number;
  typeEnd: number;
  docString?: string;
  metadataProps?: [string, string][];
}

export function readValueInfo(r: WireReader, e: number): ValueInfoFields {
  const vi: ValueInfoFields = { name: '', typeAt: -1, typeEnd: -1 };
  while (r.next(e)) {
    switch (r.field) {
      case 1:
        r.expect(LEN);
        vi.name = r.string(e);
        break;
      case 2:
        r.expect(LEN);
        if (vi.typeAt >= 0) r.fail();
        vi.typeEnd = r.len(e);
        vi.typeAt = r.pos;
        r.pos = vi.typeEnd;
        break;
      case 3:
        r.expect(LEN);
        vi.docString = r.string(e);
        break;
      case 4: {
        r.expect(LEN);
        (vi.metadataProps ??= []).push(readPair(r, r.len(e)));
        break;
      }
      default:
        r.skip(e);
    }
  }
  return vi;
}

/** applyValueInfo of from-proto.ts, from wire fields. */
export function applyValueInfoFields(r: WireReader, v: Value, vi: ValueInfoFields, depth: number): void {
  if (vi.typeAt >= 0) {
    const back = r.pos;
    r.pos = vi.typeAt;
    v.type = readType(r, vi.typeEnd, depth + 1);
    r.pos = back;
  }
  if (vi.docString !== undefined) v.docString = vi.docString;
  if (vi.metadataProps) v.metadataProps = vi.metadataProps;
}
