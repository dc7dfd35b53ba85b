/**
 * Parses the compact schema notation of op files (see types.ts) into OpSchema objects, and
 * gives the canonical type strings used to check values against type constraints.
 */
import { DataType, dtypeName } from '../ir/dtype.js';
import type { ValueType } from '../ir/types.js';
import { TYPE_SETS } from './type-sets.js';
import type { AttrDefault, AttrKind, AttrSpec, IoSpec, OpDef, OpSchema, VersionSpec } from './types.js';

const ATTR_KINDS: ReadonlySet<string> = new Set<AttrKind>([
  'float',
  'int',
  'string',
  'tensor',
  'graph',
  'floats',
  'ints',
  'strings',
  'tensors',
  'graphs',
  'sparse_tensor',
  'sparse_tensors',
  'type_proto',
  'type_protos',
]);

function schemaError(def: OpDef, since: number, msg: string): Error {
  return new Error(`op schema ${def.domain ? `${def.domain}::` : ''}${def.opType}-${since}: ${msg}`);
}

/** Element type name as it appears in ONNX type strings. */
export function onnxElemName(t: DataType): string {
  if (t === DataType.FLOAT) return 'float';
  if (t === DataType.DOUBLE) return 'double';
  return dtypeName(t);
}

const canonicalCache = new WeakMap<ValueType, string | null>();
const tensorNames: (string | undefined)[] = [];

/** Canonical type string of a value type: tensor(float), seq(tensor(int64)), map(int64,tensor(float)). */
export function canonicalType(t: ValueType | undefined): string | undefined {
  if (!t) return undefined;
  // Tensors are nearly every value: one string per element type, no per-object cache entry.
  if (t.kind === 'tensor') return t.elemType ? (tensorNames[t.elemType] ??= `tensor(${onnxElemName(t.elemType)})`) : undefined;
  const cached = canonicalCache.get(t);
  if (cached !== undefined) return cached ?? undefined;
  const s = computeCanonical(t);
  canonicalCache.set(t, s ?? null);
  return s;
}

function computeCanonical(t: ValueType): string | undefined {
  switch (t.kind) {
    case 'tensor':
      return t.elemType ? `tensor(${onnxElemName(t.elemType)})` : undefined;
    case 'sparse_tensor':
      return t.elemType ? `sparse_tensor(${onnxElemName(t.elemType)})` : undefined;
    case 'sequence': {
      const e = canonicalType(t.elem);
      return e && `seq(${e})`;
    }
    case 'optional': {
      const e = canonicalType(t.elem);
      return e && `optional(${e})`;
    }
    case 'map': {
      const v = canonicalType(t.value);
      return v && `map(${onnxElemName(t.keyType)},${v})`;
    }
    default:
      return undefined;
  }
}

/** Splits at top-level separators (not inside parentheses). */
function splitTop(s: string, seps: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth === 0 && seps.test(ch)) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** One type token of the notation -> canonical type string ('float' -> 'tensor(float)'). */
export function canonicalTypeToken(tok: string): string {
  const t = tok.replace(/\s+/g, '');
  const m = /^([a-z_]+)\((.*)\)$/.exec(t);
  if (!m) return `tensor(${t})`;
  const [, head, inner] = m as unknown as [string, string, string];
  switch (head) {
    case 'tensor':
    case 'sparse_tensor':
      return `${head}(${inner})`;
    case 'seq':
    case 'optional':
      return `${head}(${canonicalTypeToken(inner)})`;
    case 'map': {
      const [k, v] = splitTop(inner, /,/);
      return `map(${k},${canonicalTypeToken(v ?? '')})`;
    }
    default:
      return t;
  }
}

/** Expands `$name`, `seq($name)`, `optional($name)`, `optional(seq($name))` from TYPE_SETS. */
function expandSets(tok: string): string[] {
  const m = /^(.*?)\$(\w+)(\)*)$/.exec(tok);
  if (!m) return [tok];
  const set = TYPE_SETS[m[2]!];
  if (set === undefined) throw new Error(`unknown type set $${m[2]}`);
  return set.split(' ').map((t) => `${m[1]}${t}${m[3]}`);
}

export function parseTypeList(s: string): string[] {
  return splitTop(s, /[\s|]/).flatMap(expandSets).map(canonicalTypeToken);
}

function parseIo(def: OpDef, since: number, s: string, types: ReadonlyMap<string, readonly string[]>): IoSpec[] {
  if (!s.trim()) return [];
  return splitTop(s, /,/).map((entry) => {
    const colon = entry.indexOf(':');
    if (colon < 0) throw schemaError(def, since, `"${entry}" has no type`);
    let name = entry.slice(0, colon).trim();
    const typeStr = entry.slice(colon + 1).trim();
    let option: IoSpec['option'] = 'single';
    let homogeneous = true;
    let minArity = 1;
    const variadic = /^(.*?)\.\.\.(h?)(\d*)$/.exec(name);
    if (variadic) {
      name = variadic[1]!;
      option = 'variadic';
      homogeneous = variadic[2] !== 'h';
      if (variadic[3]) minArity = Number(variadic[3]);
    } else if (name.endsWith('?')) {
      name = name.slice(0, -1);
      option = 'optional';
    }
    const constraint = types.has(typeStr) ? typeStr : undefined;
    const allowed = constraint ? types.get(constraint)! : parseTypeList(typeStr);
    if (!constraint && /^[A-Z][A-Za-z0-9_]*$/.test(typeStr)) throw schemaError(def, since, `unknown type constraint "${typeStr}"`);
    return { name, option, homogeneous, minArity, allowed, ...(constraint ? { constraint } : {}) };
  });
}

function parseDefault(def: OpDef, since: number, kind: AttrKind, text: string): AttrDefault {
  const t = text.trim();
  if (kind === 'string') return t.startsWith('"') ? (JSON.parse(t) as string) : t;
  if (kind === 'int' || kind === 'float') {
    const n = Number(t.replace(/^\((.*)\)$/, '$1'));
    if (Number.isNaN(n)) throw schemaError(def, since, `bad default "${t}"`);
    return n;
  }
  const v = JSON.parse(t.replace(/'/g, '"')) as unknown[];
  if (!Array.isArray(v)) throw schemaError(def, since, `bad list default "${t}"`);
  return kind === 'strings' ? v.map(String) : v.map(Number);
}

function parseAttrs(def: OpDef, since: number, attrs: Readonly<Record<string, string>>): Map<string, AttrSpec> {
  const out = new Map<string, AttrSpec>();
  for (const [name, spec] of Object.entries(attrs)) {
    const m = /^([a-z_]+)(!)?(?:=(.*))?$/s.exec(spec.trim());
    if (!m || !ATTR_KINDS.has(m[1]!)) throw schemaError(def, since, `attribute "${name}": cannot read "${spec}"`);
    const kind = m[1] as AttrKind;
    const a: AttrSpec = { name, kind, required: m[2] === '!' };
    if (m[3] !== undefined) a.default = parseDefault(def, since, kind, m[3]);
    out.set(name, a);
  }
  return out;
}

function counts(ios: readonly IoSpec[]): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const io of ios) {
    if (io.option === 'single') min = ++max;
    else if (io.option === 'optional') ++max;
    else {
      min = max + io.minArity;
      max = Infinity;
    }
  }
  return { min, max };
}

/** All versions of an op, resolved and sorted by `since`. Throws on notation errors (a bug in the op file). */
export function resolveOp(def: OpDef): OpSchema[] {
  const sorted = [...def.versions].sort((a, b) => a.since - b.since);
  const out: OpSchema[] = [];
  sorted.forEach((v: VersionSpec, i) => {
    // A deprecation entry lists no signature: it keeps the previous version's, flagged deprecated.
    const prev = out[i - 1];
    if (v.deprecated && prev && !v.inputs && !v.outputs) {
      out.push({ ...prev, since: v.since, deprecated: true, ...(sorted[i + 1] ? { until: sorted[i + 1]!.since } : {}) });
      return;
    }
    const types = new Map<string, readonly string[]>();
    for (const [k, s] of Object.entries(v.types ?? {})) types.set(k, parseTypeList(s));
    const inputs = parseIo(def, v.since, v.inputs, types);
    const outputs = parseIo(def, v.since, v.outputs, types);
    const ci = counts(inputs);
    const co = counts(outputs);
    const next = sorted[i + 1];
    const attrs = parseAttrs(def, v.since, v.attrs ?? {});
    const schema: OpSchema = {
      def,
      domain: def.domain ?? '',
      opType: def.opType,
      since: v.since,
      ...(next ? { until: next.since } : {}),
      deprecated: !!v.deprecated,
      inputs,
      outputs,
      minInputs: ci.min,
      maxInputs: ci.max,
      minOutputs: co.min,
      maxOutputs: co.max,
      attrs,
      requiredAttrs: [...attrs.values()].filter((a) => a.required),
      types,
      ...(v.infer ?? def.infer ? { infer: v.infer ?? def.infer } : {}),
      ...(v.kernel ?? def.kernel ? { kernel: v.kernel ?? def.kernel } : {}),
    };
    out.push(schema);
  });
  return out;
}
