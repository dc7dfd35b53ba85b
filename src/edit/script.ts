/**
 * Edit scripts (`--script edits.json`): a JSON list of `{"op": ..., fields}` objects, the same
 * operations as the flags (docs/edit.md). Every entry is checked before any edit runs; relative
 * file paths in a script are relative to the script's folder.
 */
import path from 'node:path';
import { argError } from './session.js';
import { parseConnect, parseNameList } from './parse.js';
import type { AttrText, Edit, EditOp } from './types.js';

type Field = (v: unknown, where: string) => unknown;

const fail = (where: string, want: string, v: unknown): never => {
  throw argError(`${where} must be ${want}, got ${JSON.stringify(v) ?? String(v)}`);
};
const str: Field = (v, w) => (typeof v === 'string' ? v : fail(w, 'a string', v));
const int: Field = (v, w) => (typeof v === 'number' && Number.isInteger(v) ? v : fail(w, 'an integer', v));
const bool: Field = (v, w) => (typeof v === 'boolean' ? v : fail(w, 'true or false', v));
const names: Field = (v, w) => {
  if (typeof v === 'string') return parseNameList(v);
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : fail(w, 'a list of names', v);
};
const dims: Field = (v, w) => {
  if (typeof v === 'string') return v;
  return Array.isArray(v) && v.every((d) => d === null || typeof d === 'number' || typeof d === 'string') ? v : fail(w, 'a list of dims (numbers, symbols, null)', v);
};
const dim: Field = (v, w) => (v === null || typeof v === 'number' || typeof v === 'string' ? v : fail(w, 'a number, a symbol or null', v));
const attrText: Field = (v, w) => {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return Array.isArray(v) && v.every((x) => typeof x === 'number' || typeof x === 'string') ? v : fail(w, 'a number, a string or a list', v);
};
const attrs: Field = (v, w) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(w, 'an object of attribute values', v);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, attrText(x, `${w}.${k}`)]));
};
const kind: Field = (v, w) => (v === 'value' || v === 'node' ? v : fail(w, '"value" or "node"', v));
const strOrBool: Field = (v, w) => (typeof v === 'string' || typeof v === 'boolean' ? v : fail(w, 'a value name or true', v));
const connect: Field = (v, w) => {
  if (typeof v === 'string') return parseConnect(v, w);
  if (Array.isArray(v)) {
    return v.map((p, i) => (Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'string') ? [p[0], p[1]] : fail(`${w}[${i}]`, 'an [OUT, IN] pair', p)));
  }
  if (typeof v === 'object' && v !== null) return Object.entries(v).map(([k, x]) => [k, str(x, `${w}.${k}`)]);
  return fail(w, 'an object {OUT: IN}, a list of [OUT, IN] pairs or "OUT=IN,..."', v);
};

/** Fields of each op: `name` required, `name?` optional. */
const OPS: Record<EditOp, Record<string, Field>> = {
  rename: { from: str, to: str, 'kind?': kind },
  prefix: { prefix: str },
  'set-shape': { name: str, shape: dims },
  'set-batch': { batch: dim },
  'set-dtype': { name: str, dtype: str },
  extract: { 'inputs?': names, outputs: names },
  'add-output': { name: str },
  'remove-output': { name: str },
  'remove-input': { name: str },
  'remove-node': { name: str },
  'insert-node': { opType: str, 'domain?': str, 'name?': str, inputs: names, 'outputs?': names, 'attrs?': attrs, 'rewire?': strOrBool },
  'set-attr': { node: str, attr: str, value: attrText },
  'delete-attr': { node: str, attr: str },
  'set-initializer': { name: str, file: str },
  'set-opset': { 'domain?': str, version: int },
  'set-producer': { name: str, 'version?': str },
  'set-doc': { doc: str },
  'set-metadata': { key: str, value: str },
  'delete-metadata': { key: str },
  merge: { model: str, connect, 'prefix?': str },
  cleanup: {},
};

export const EDIT_OPS = Object.keys(OPS) as EditOp[];

/** Checks one entry of a script (or of a JSON --insert-node) and returns it as an Edit. */
export function checkEdit(entry: unknown, where: string): Edit {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw argError(`${where} must be an object with an "op" field`);
  const obj = entry as Record<string, unknown>;
  const op = obj.op;
  if (typeof op !== 'string' || !(op in OPS)) {
    throw argError(`${where}: unknown op ${JSON.stringify(op)}`, `ops: ${EDIT_OPS.join(', ')}`);
  }
  const fields = OPS[op as EditOp];
  const out: Record<string, unknown> = { op };
  for (const [spec, check] of Object.entries(fields)) {
    const optional = spec.endsWith('?');
    const name = optional ? spec.slice(0, -1) : spec;
    if (!(name in obj)) {
      if (!optional) throw argError(`${where} (${op}) needs the field "${name}"`);
      continue;
    }
    out[name] = check(obj[name], `${where} (${op}) field "${name}"`);
  }
  for (const k of Object.keys(obj)) {
    if (k !== 'op' && !(k in fields) && !(`${k}?` in fields)) {
      const known = Object.keys(fields).map((f) => f.replace(/\?$/, ''));
      throw argError(`${where} (${op}) has an unknown field "${k}"${known.length ? ` (fields: ${known.join(', ')})` : ''}`);
    }
  }
  return out as unknown as Edit;
}

/** Maps the file paths an edit holds (tensor files, other models, "@FILE" attribute values). */
export function mapEditPaths(e: Edit, map: (p: string) => string): Edit {
  const attr = (v: AttrText): AttrText => (typeof v === 'string' && v.startsWith('@') && v.length > 1 ? `@${map(v.slice(1))}` : v);
  switch (e.op) {
    case 'set-initializer':
      return { ...e, file: map(e.file) };
    case 'merge':
      return { ...e, model: map(e.model) };
    case 'set-attr':
      return { ...e, value: attr(e.value) };
    case 'insert-node':
      return e.attrs ? { ...e, attrs: Object.fromEntries(Object.entries(e.attrs).map(([k, v]) => [k, attr(v)])) } : e;
    default:
      return e;
  }
}

/**
 * Parses a script's text: a list of edits, or `{"edits": [...]}` (room for a description).
 * Relative paths inside are relative to `dir` (the script's folder); `relativeTo` (the working
 * directory) rewrites them relative to it, so that they read as a flag would spell them.
 */
export function parseEditScript(text: string, file: string, dir: string, relativeTo?: string): Edit[] {
  const rebase = (p: string): string => {
    if (path.isAbsolute(p)) return p;
    const full = path.resolve(dir, p);
    return relativeTo === undefined ? full : path.relative(relativeTo, full) || '.';
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw argError(`script "${file}" is not valid JSON: ${(e as Error).message}`);
  }
  const list = Array.isArray(doc) ? doc : typeof doc === 'object' && doc !== null && Array.isArray((doc as { edits?: unknown }).edits) ? (doc as { edits: unknown[] }).edits : undefined;
  if (!list) throw argError(`script "${file}" must be a JSON list of edits (or {"edits": [...]})`, 'e.g. [{"op": "rename", "from": "a", "to": "b"}]');
  return list.map((entry, i) => mapEditPaths(checkEdit(entry, `script "${file}" entry ${i + 1}`), rebase));
}
