/**
 * The edit flags of `onnx edit`, in the order given, turned into the same Edit objects a
 * `--script` file holds. Parameters (--inputs/--outputs of --extract, --connect/--merge-prefix
 * of --merge) belong to the nearest such edit before them, else the first one after.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkEdit, parseEditScript } from '../src/edit/script.js';
import { parseConnect, parseNameList } from '../src/edit/parse.js';
import type { AttrText, Edit, InsertNodeEdit } from '../src/edit/types.js';
import { usage } from './shared/args.js';
import { OnnxError, messageOf } from '../src/util/errors.js';

/** One occurrence of a flag, as commander saw it (name without dashes). */
export interface FlagUse {
  flag: string;
  value: string | undefined;
}

/** Flags that are edits by themselves (their order is the order of the edits). */
export const EDIT_FLAGS = [
  'script',
  'rename',
  'prefix',
  'set-shape',
  'set-batch',
  'set-dtype',
  'extract',
  'add-output',
  'remove-output',
  'remove-input',
  'remove-node',
  'insert-node',
  'set-attr',
  'delete-attr',
  'set-initializer',
  'set-opset',
  'set-producer',
  'set-doc',
  'set-metadata',
  'delete-metadata',
  'merge',
  'cleanup',
] as const;

/** Flags that qualify an --extract or a --merge. */
export const PARAM_FLAGS = { inputs: 'extract', outputs: 'extract', connect: 'merge', 'merge-prefix': 'merge' } as const;


/** Splits "LEFT=RIGHT" at the first (or last) "="; both sides must be non-empty. */
function assignment(flag: string, text: string, shape: string, at: 'first' | 'last' = 'first'): [string, string] {
  const eq = at === 'first' ? text.indexOf('=') : text.lastIndexOf('=');
  if (eq <= 0 || eq === text.length - 1) throw usage(`--${flag} expects ${shape}, got "${text}"`);
  return [text.slice(0, eq), text.slice(eq + 1)];
}

/** "NODE.ATTR": node names may hold dots (PyTorch's "layer1.0.conv"), attribute names never do. */
function nodeAttr(flag: string, text: string, shape: string): [string, string] {
  const dot = text.lastIndexOf('.');
  if (dot <= 0 || dot === text.length - 1) throw usage(`--${flag} expects ${shape}, got "${text}"`);
  return [text.slice(0, dot), text.slice(dot + 1)];
}

/**
 * Fields of an --insert-node spec: "OP:key=value:flag...". A ":" starts a field only when a
 * name and "=", ":" or the end follow, so value names like "input:0" survive; "\:" is a literal colon.
 */
export function splitSpec(text: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && text[i + 1] === ':') {
      cur += ':';
      i++;
    } else if (c === ':' && /^[A-Za-z_][A-Za-z0-9_]*(=|:|$)/.test(text.slice(i + 1))) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

/** --insert-node 'Relu:name=r1:inputs=x:outputs=y:rewire', other keys being attributes; or the JSON object of a script. */
export function parseInsertNode(text: string): InsertNodeEdit {
  const t = text.trim();
  if (t.startsWith('{')) {
    let obj: unknown;
    try {
      obj = JSON.parse(t);
    } catch (e) {
      throw usage(`--insert-node: invalid JSON: ${messageOf(e)}`);
    }
    return checkEdit({ op: 'insert-node', ...(obj as object) }, '--insert-node') as InsertNodeEdit;
  }
  const [opType, ...fields] = splitSpec(t);
  if (!opType) throw usage(`--insert-node expects OP:inputs=A,B[:outputs=Y][:name=N][:rewire][:ATTR=VALUE...], got "${text}"`);
  const edit: { -readonly [K in keyof InsertNodeEdit]: InsertNodeEdit[K] } = { op: 'insert-node', opType, inputs: [] };
  const attrs: Record<string, AttrText> = {};
  let sawInputs = false;
  for (const f of fields) {
    const eq = f.indexOf('=');
    const key = eq < 0 ? f : f.slice(0, eq);
    const value = eq < 0 ? undefined : f.slice(eq + 1);
    if (key === 'rewire') edit.rewire = value === undefined || value === '' ? true : value;
    else if (value === undefined) throw usage(`--insert-node: field "${key}" needs a value (${key}=...)`);
    else if (key === 'inputs') {
      edit.inputs = value === '' ? [] : value.split(',').map((s) => s.trim());
      sawInputs = true;
    } else if (key === 'outputs') edit.outputs = parseNameList(value);
    else if (key === 'name') edit.name = value;
    else if (key === 'domain') edit.domain = value;
    else attrs[key] = value;
  }
  if (!sawInputs) throw usage(`--insert-node ${opType}: give its inputs (inputs=A,B)`);
  if (Object.keys(attrs).length) edit.attrs = attrs;
  return edit;
}

function batchValue(text: string): number | string | null {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  return t === '?' || t === '-1' ? null : t;
}

function opsetEdit(text: string): Edit {
  const eq = text.lastIndexOf('=');
  const domain = eq < 0 ? '' : text.slice(0, eq).trim();
  const v = (eq < 0 ? text : text.slice(eq + 1)).trim();
  if (!/^\d+$/.test(v)) throw usage(`--set-opset expects VERSION or DOMAIN=VERSION, got "${text}"`, 'e.g. --set-opset 17 or --set-opset ai.onnx.ml=3');
  return { op: 'set-opset', domain, version: Number(v) };
}

/** One edit flag (not --script, --extract or --merge, which are assembled elsewhere). */
function simpleEdit(flag: string, v: string): Edit {
  switch (flag) {
    case 'rename': {
      const [from, to] = assignment(flag, v, 'OLD=NEW');
      return { op: 'rename', from, to };
    }
    case 'prefix':
      return { op: 'prefix', prefix: v };
    case 'set-shape': {
      const [name, shape] = assignment(flag, v, 'NAME=DIMS (e.g. input=1,3,224,224 or input=N,3,H,W)', 'last');
      return { op: 'set-shape', name, shape };
    }
    case 'set-batch':
      return { op: 'set-batch', batch: batchValue(v) };
    case 'set-dtype': {
      const [name, dtype] = assignment(flag, v, 'NAME=DTYPE (e.g. input=float16)', 'last');
      return { op: 'set-dtype', name, dtype };
    }
    case 'add-output':
    case 'remove-output':
    case 'remove-input':
    case 'remove-node':
      return { op: flag, name: v } as Edit;
    case 'insert-node':
      return parseInsertNode(v);
    case 'set-attr': {
      const [left, value] = assignment(flag, v, 'NODE.ATTR=VALUE');
      const [node, attr] = nodeAttr(flag, left, 'NODE.ATTR=VALUE');
      return { op: 'set-attr', node, attr, value };
    }
    case 'delete-attr': {
      const [node, attr] = nodeAttr(flag, v, 'NODE.ATTR');
      return { op: 'delete-attr', node, attr };
    }
    case 'set-initializer': {
      const [name, file] = assignment(flag, v, 'NAME=FILE');
      return { op: 'set-initializer', name, file };
    }
    case 'set-opset':
      return opsetEdit(v);
    case 'set-producer': {
      const colon = v.indexOf(':');
      return colon < 0 ? { op: 'set-producer', name: v } : { op: 'set-producer', name: v.slice(0, colon), version: v.slice(colon + 1) };
    }
    case 'set-doc':
      return { op: 'set-doc', doc: v };
    case 'set-metadata': {
      const eq = v.indexOf('=');
      if (eq <= 0) throw usage(`--set-metadata expects KEY=VALUE, got "${v}"`);
      return { op: 'set-metadata', key: v.slice(0, eq), value: v.slice(eq + 1) };
    }
    case 'delete-metadata':
      return { op: 'delete-metadata', key: v };
    default:
      throw new OnnxError('E_INTERNAL', `unhandled edit flag --${flag}`);
  }
}

export interface FlagContext {
  /** The working directory: paths in flags are relative to it, and script paths are rewritten relative to it. */
  cwd: string;
}

/** Reads a --script file; its relative paths are relative to its folder. */
function readScript(file: string, cwd: string): Edit[] {
  const full = path.resolve(cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new OnnxError(code === 'ENOENT' ? 'E_FILE_NOT_FOUND' : 'E_READ', `cannot read script "${file}": ${code === 'ENOENT' ? 'no such file' : messageOf(e)}`, { path: file });
  }
  return parseEditScript(text, file, path.dirname(full), cwd);
}

/** Turns the flags, in the order given, into edits. */
export function editsFromFlags(uses: readonly FlagUse[], ctx: FlagContext): Edit[] {
  const owner = (i: number, kind: 'extract' | 'merge'): number => {
    for (let j = i - 1; j >= 0; j--) if (uses[j]!.flag === kind) return j;
    for (let j = i + 1; j < uses.length; j++) if (uses[j]!.flag === kind) return j;
    return -1;
  };
  const params = new Map<number, Map<string, string[]>>();
  uses.forEach((u, i) => {
    const kind = PARAM_FLAGS[u.flag as keyof typeof PARAM_FLAGS];
    if (!kind) return;
    const j = owner(i, kind);
    if (j < 0) throw usage(`--${u.flag} goes with --${kind}, which is not given`);
    const own = params.get(j) ?? new Map<string, string[]>();
    params.set(j, own);
    const list = own.get(u.flag) ?? [];
    if (list.length > 0 && u.flag !== 'connect') throw usage(`--${u.flag} is given twice for the same --${kind}`);
    own.set(u.flag, [...list, u.value ?? '']);
  });
  const edits: Edit[] = [];
  uses.forEach((u, i) => {
    if (u.flag in PARAM_FLAGS) return;
    const v = u.value ?? '';
    const p = params.get(i);
    let e: Edit;
    if (u.flag === 'script') {
      edits.push(...readScript(v, ctx.cwd));
      return;
    } else if (u.flag === 'extract') {
      const outputs = p?.get('outputs');
      if (!outputs) throw usage('--extract needs --outputs C,D (and usually --inputs A,B)');
      const inputs = p?.get('inputs');
      e = { op: 'extract', outputs: parseNameList(outputs[0]!), ...(inputs ? { inputs: parseNameList(inputs[0]!) } : {}) };
    } else if (u.flag === 'merge') {
      const connect = (p?.get('connect') ?? []).flatMap((c) => parseConnect(c, '--connect'));
      if (connect.length === 0) throw usage('--merge needs --connect OUT=IN[,OUT=IN...]');
      const prefix = p?.get('merge-prefix')?.[0];
      e = { op: 'merge', model: v, connect, ...(prefix !== undefined ? { prefix } : {}) };
    } else if (u.flag === 'cleanup') e = { op: 'cleanup' };
    else e = simpleEdit(u.flag, v);
    edits.push(e);
  });
  return edits;
}
