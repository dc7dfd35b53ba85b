/**
 * Reference outputs from a folder, for `run --compare DIR`: output_N.pb (ONNX test data) or a
 * file named after the output (<name>.npy, .pb or .json; the name sanitized or as is).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Value } from '../../ir/value.js';
import { OnnxError } from '../../util/errors.js';
import { readValueFile, sanitizeFileName } from './index.js';
import type { FileFeed } from './inputs.js';

/** The candidate file names for graph output `v` at position `index`, in order of preference. */
function candidates(v: Value, index: number): string[] {
  const names = [...new Set([v.name, sanitizeFileName(v.name)])];
  return [...names.flatMap((n) => [`${n}.npy`, `${n}.pb`, `${n}.json`]), `output_${index}.pb`];
}

/** Reads the reference value of each output found in `dir` (display path) resolved as `full`. */
export function readReferenceOutputs(outputs: readonly Value[], dir: string, full: string): Map<string, FileFeed> {
  let names: Set<string>;
  try {
    if (!fs.statSync(full).isDirectory()) throw new OnnxError('E_NOT_A_FILE', `--compare "${dir}" is a file, not a folder of reference outputs`, { path: dir });
    names = new Set(fs.readdirSync(full));
  } catch (e) {
    if (e instanceof OnnxError) throw e;
    throw new OnnxError('E_FILE_NOT_FOUND', `cannot read --compare "${dir}": no such folder`, {
      path: dir,
      hint: 'give a folder of reference outputs (output_0.pb ... or <output name>.npy), or "onnxruntime"',
    });
  }
  const out = new Map<string, FileFeed>();
  outputs.forEach((v, i) => {
    const hit = candidates(v, i).find((c) => names.has(c));
    if (!hit) return;
    const file = path.join(dir, hit);
    out.set(v.name, { value: readValueFile(path.join(full, hit), { declared: v.type, display: file }), file });
  });
  if (out.size === 0) {
    throw new OnnxError('E_TENSOR_FILE', `--compare "${dir}" holds no reference for any output`, {
      path: dir,
      hint: `expected output_0.pb ... or ${outputs.map((v) => `${sanitizeFileName(v.name)}.npy`).join(', ')}`,
    });
  }
  return out;
}
