/**
 * Model inputs from files: `--input NAME=FILE`, `--input FILE` (in input order; an .npz file
 * feeds every input it names) and `--input-dir DIR` (input_N.pb as in ONNX test data, or
 * `<input name>.{npy,pb,json}`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Value } from '../../ir/value.js';
import type { RtValue } from '../../ops/values.js';
import { OnnxError } from '../../util/errors.js';
import { readNpzFile, readValueFile, sanitizeFileName, tensorFileFormat } from './index.js';

/** One `--input` argument. */
export interface InputSpec {
  /** The text as given: NAME=FILE or FILE. */
  text: string;
}

export interface FileFeed {
  value: RtValue;
  /** The file it came from, as the user wrote it (with ":entry" for an .npz member). */
  file: string;
}

export interface FeedFileOptions {
  /** Resolves a path as written by the user (against the working directory). */
  resolve: (p: string) => string;
  warn: (msg: string) => void;
}

function namesOf(inputs: readonly Value[]): string {
  return inputs.map((v) => `"${v.name}"`).join(', ') || '(none)';
}

/** Splits NAME=FILE when NAME is an input of the model; otherwise the whole text is a file. */
function splitSpec(text: string, inputs: readonly Value[], o: FeedFileOptions): { name?: string; file: string } {
  const eq = text.indexOf('=');
  if (eq > 0) {
    const name = text.slice(0, eq);
    if (inputs.some((v) => v.name === name)) return { name, file: text.slice(eq + 1) };
    // An input name may itself contain '='; try the longest prefix that names an input.
    for (let i = text.lastIndexOf('='); i > 0; i = text.lastIndexOf('=', i - 1)) {
      const n = text.slice(0, i);
      if (inputs.some((v) => v.name === n)) return { name: n, file: text.slice(i + 1) };
    }
    if (!fs.existsSync(o.resolve(text))) {
      throw new OnnxError('E_INPUT', `--input ${text}: the model has no input named "${name}"`, {
        value: name,
        hint: `its inputs are: ${namesOf(inputs)}`,
      });
    }
  }
  return { file: text };
}

/** Reads the values of `--input` arguments and `--input-dir`; inputs not found are left out. */
export function readFeedFiles(inputs: readonly Value[], specs: readonly InputSpec[], inputDir: string | undefined, o: FeedFileOptions): Map<string, FileFeed> {
  const feeds = new Map<string, FileFeed>();
  const byName = new Map(inputs.map((v) => [v.name, v]));
  const set = (v: Value, feed: FileFeed, origin: string): void => {
    const prev = feeds.get(v.name);
    if (prev) throw new OnnxError('E_INPUT', `input "${v.name}" is given twice: by "${prev.file}" and by ${origin}`, { value: v.name });
    feeds.set(v.name, feed);
  };
  // Files (or arrays of an .npz saved without names: arr_0, arr_1 ...) for the inputs in order.
  const positional: (string | FileFeed)[] = [];
  for (const spec of specs) {
    const { name, file } = splitSpec(spec.text, inputs, o);
    const full = o.resolve(file);
    if (name !== undefined) {
      const v = byName.get(name)!;
      set(v, { value: readValueFile(full, { declared: v.type, entry: name, display: file }), file }, `"${file}"`);
    } else if (tensorFileFormat(full) === 'npz') {
      const arrays = readNpzFile(full, file);
      let used = 0;
      for (const [entry, t] of arrays) {
        const v = byName.get(entry);
        if (!v) continue;
        set(v, { value: t, file: `${file}:${entry}` }, `"${file}:${entry}"`);
        used++;
      }
      if (used === 0 && [...arrays.keys()].every((k, i) => k === `arr_${i}`)) {
        for (const [entry, value] of arrays) positional.push({ value, file: `${file}:${entry}` });
      } else if (used === 0) {
        throw new OnnxError('E_INPUT', `"${file}" holds no array named after an input (it has ${[...arrays.keys()].map((k) => `"${k}"`).join(', ')})`, {
          path: file,
          hint: `the model's inputs are: ${namesOf(inputs)}`,
        });
      }
    } else positional.push(file);
  }
  const free = inputs.filter((v) => !feeds.has(v.name));
  if (positional.length > free.length) {
    throw new OnnxError('E_INPUT', `${positional.length} input files given in order, but only ${free.length} input${free.length === 1 ? ' is' : 's are'} left to fill (${namesOf(free)})`, {
      hint: 'name the input each file is for: --input NAME=FILE',
    });
  }
  positional.forEach((p, i) => {
    const v = free[i]!;
    const feed = typeof p === 'string' ? { value: readValueFile(o.resolve(p), { declared: v.type, entry: v.name, display: p }), file: p } : p;
    set(v, feed, `"${feed.file}"`);
  });
  if (inputDir !== undefined) readInputDir(inputs, inputDir, o, feeds);
  return feeds;
}

/** Adds to `feeds` the inputs found in `dir` that are not set yet. */
function readInputDir(inputs: readonly Value[], dir: string, o: FeedFileOptions, feeds: Map<string, FileFeed>): void {
  const full = o.resolve(dir);
  let names: string[];
  try {
    if (!fs.statSync(full).isDirectory()) throw new OnnxError('E_NOT_A_FILE', `--input-dir "${dir}" is a file, not a folder`, { path: dir });
    names = fs.readdirSync(full);
  } catch (e) {
    if (e instanceof OnnxError) throw e;
    throw new OnnxError('E_FILE_NOT_FOUND', `cannot read --input-dir "${dir}": no such folder`, { path: dir });
  }
  const present = new Set(names);
  const used = new Set<string>();
  inputs.forEach((v, i) => {
    const candidates = [v.name, sanitizeFileName(v.name)].flatMap((n) => [`${n}.npy`, `${n}.pb`, `${n}.json`]);
    candidates.push(`input_${i}.pb`);
    const hit = candidates.find((c) => present.has(c));
    if (!hit) return;
    used.add(hit);
    if (feeds.has(v.name)) return;
    const file = path.join(dir, hit);
    feeds.set(v.name, { value: readValueFile(path.join(full, hit), { declared: v.type, display: file }), file });
  });
  if (used.size === 0 && inputs.length > 0) {
    throw new OnnxError('E_INPUT', `--input-dir "${dir}" holds no file for any input`, {
      path: dir,
      hint: `expected input_0.pb, input_1.pb ... or files named after the inputs: ${inputs.map((v) => `${sanitizeFileName(v.name)}.npy`).join(', ')}`,
    });
  }
  const stray = names.filter((n) => !used.has(n) && /\.(npy|json)$/.test(n));
  if (stray.length > 0) {
    o.warn(`--input-dir "${dir}": ${stray.map((n) => `"${n}"`).join(', ')} match${stray.length === 1 ? 'es' : ''} no input of the model (its inputs are ${namesOf(inputs)})`);
  }
}
