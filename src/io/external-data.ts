/**
 * External data (ExternalData.md): tensors whose bytes live in files next to the model.
 * Locations are checked as ExternalDataSecurity.md asks: no absolute paths, nothing that
 * leaves the model's folder (`..`, a symlink anywhere on the path), no final symlink, no file
 * with several hard links, and offset/length within the file. Reading happens only when a
 * command needs the values.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AttrType } from '../ir/attributes.js';
import type { Graph } from '../ir/graph.js';
import type { Model } from '../ir/model.js';
import type { SparseTensor } from '../ir/sparse.js';
import type { ExternalRef, Tensor } from '../ir/tensor.js';
import { OnnxError } from '../util/errors.js';

/** Every tensor of a model: initializers, sparse parts, attribute tensors, in every graph and function. */
export function allTensors(model: Model): Tensor[] {
  const graphs: Graph[] = [model.graph, ...model.functions.map((f) => f.body)];
  for (const t of model.trainingInfo) {
    if (t.initialization) graphs.push(t.initialization);
    if (t.algorithm) graphs.push(t.algorithm);
  }
  // An array, and indexed loops over nodes: this walks every node once, mostly before V8 has
  // optimized it, where each step of a generator or for-of allocates.
  const out: Tensor[] = [];
  const sparse = (s: SparseTensor) => {
    out.push(s.values);
    if (s.indices) out.push(s.indices);
  };
  for (const root of graphs) {
    for (const g of root.allGraphs()) {
      for (const v of g.initializers.values()) if (v.constValue) out.push(v.constValue);
      for (const v of g.sparseInitializers) if (v.sparseValue) sparse(v.sparseValue);
      const nodes = g.nodes;
      for (let i = 0; i < nodes.length; i++) {
        const attrs = nodes[i]!.attributes;
        if (attrs.size === 0) continue;
        for (const a of attrs.values()) {
          if (a.type === AttrType.TENSOR && a.value) out.push(a.value as Tensor);
          else if (a.type === AttrType.TENSORS) out.push(...(a.value as Tensor[]));
          else if (a.type === AttrType.SPARSE_TENSOR && a.value) sparse(a.value as SparseTensor);
          else if (a.type === AttrType.SPARSE_TENSORS) for (const s of a.value as SparseTensor[]) sparse(s);
        }
      }
    }
  }
  return out;
}

export function externalTensors(model: Model): Tensor[] {
  return allTensors(model).filter((t) => t.externalRef !== undefined);
}

/**
 * The absolute path of an external location, refused (E_EXTERNAL_SECURITY) if it is absolute or
 * leaves `baseDir`, lexically or through a symbolic link.
 */
export function resolveExternalPath(baseDir: string, location: string, tensorName = ''): string {
  const where = tensorName ? ` (tensor "${tensorName}")` : '';
  const refuse = (why: string): never => {
    throw new OnnxError('E_EXTERNAL_SECURITY', `external data location "${location}"${where} ${why}`, {
      value: tensorName || undefined,
      hint: 'external data must be a file inside the model\'s folder',
    });
  };
  if (location.includes('\0')) refuse('contains a NUL character');
  if (path.isAbsolute(location) || /^[a-zA-Z]:[\\/]/.test(location)) refuse('is an absolute path');
  const base = path.resolve(baseDir);
  const full = path.resolve(base, location);
  const rel = path.relative(base, full);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) refuse('points outside the model\'s folder');
  let realBase: string;
  try {
    realBase = fs.realpathSync(base);
  } catch {
    return full;
  }
  let realFull: string;
  try {
    realFull = fs.realpathSync(full);
  } catch {
    return full; // missing file: reported by the existence check with a clearer message
  }
  const realRel = path.relative(realBase, realFull);
  if (realRel.startsWith('..') || path.isAbsolute(realRel)) refuse('leads outside the model\'s folder through a symbolic link');
  if (fs.lstatSync(full).isSymbolicLink()) refuse('is a symbolic link');
  return full;
}

interface FileInfo {
  path: string;
  size: number;
  ino: number;
}

/** Checks every external reference (security, existence, ranges) without reading any data. */
export function checkExternalData(model: Model, only?: (t: Tensor) => boolean): { files: string[]; bytes: number } {
  const files = new Map<string, FileInfo>();
  let bytes = 0;
  for (const t of externalTensors(model)) {
    if (only && !only(t)) continue;
    const ref = t.externalRef!;
    const info = statExternal(model.baseDir, ref, t, files);
    const length = ref.length ?? info.size - ref.offset;
    if (ref.offset > info.size || ref.offset + length > info.size) {
      throw new OnnxError(
        'E_EXTERNAL_RANGE',
        `external data of tensor "${t.name}" is bytes ${ref.offset}..${ref.offset + length} of "${ref.location}", but the file has ${info.size} bytes`,
        { value: t.name, path: info.path, hint: 'the data file is truncated or belongs to another model' },
      );
    }
    if (t.byteLength !== length && t.dtype !== 8) {
      throw new OnnxError(
        'E_EXTERNAL_RANGE',
        `external data of tensor "${t.name}" is ${length} bytes, expected ${t.byteLength} for its type and shape`,
        { value: t.name, path: info.path },
      );
    }
    bytes += length;
  }
  return { files: [...files.keys()], bytes };
}

function statExternal(baseDir: string, ref: ExternalRef, t: Tensor, cache: Map<string, FileInfo>): FileInfo {
  const cached = cache.get(ref.location);
  if (cached) return cached;
  const full = resolveExternalPath(baseDir, ref.location, t.name);
  let st: fs.Stats;
  try {
    st = fs.statSync(full);
  } catch {
    throw new OnnxError('E_EXTERNAL_MISSING', `external data file "${ref.location}" of tensor "${t.name}" does not exist`, {
      value: t.name,
      path: full,
      hint: `expected it next to the model, at ${full}`,
    });
  }
  if (!st.isFile()) {
    throw new OnnxError('E_EXTERNAL_MISSING', `external data "${ref.location}" of tensor "${t.name}" is not a regular file`, {
      value: t.name,
      path: full,
    });
  }
  if (st.nlink > 1) {
    throw new OnnxError('E_EXTERNAL_SECURITY', `external data file "${ref.location}" has ${st.nlink} hard links; refused`, {
      value: t.name,
      path: full,
    });
  }
  const info = { path: full, size: st.size, ino: st.ino };
  cache.set(ref.location, info);
  return info;
}

/** Largest single read: Node's fs reads at most 2 GiB - 1 bytes at once. */
const MAX_READ = 0x7fff0000;

/**
 * Reads the bytes of every external tensor (or of those selected) into memory, each into its own
 * buffer. Files are opened without following symlinks and checked to be the file that was stat'ed.
 */
export function loadExternalData(
  model: Model,
  opts: { only?: (t: Tensor) => boolean; onProgress?: (done: number, total: number) => void } = {},
): void {
  const tensors = externalTensors(model).filter((t) => !opts.only || opts.only(t));
  if (tensors.length === 0) return;
  const files = new Map<string, FileInfo>();
  const total = tensors.reduce((s, t) => s + t.byteLength, 0);
  let done = 0;
  const fds = new Map<string, number>();
  try {
    for (const t of tensors) {
      const ref = t.externalRef!;
      const info = statExternal(model.baseDir, ref, t, files);
      let fd = fds.get(info.path);
      if (fd === undefined) {
        fd = fs.openSync(info.path, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
        if (fs.fstatSync(fd).ino !== info.ino) {
          throw new OnnxError('E_EXTERNAL_SECURITY', `external data file "${ref.location}" changed while it was opened`, {
            path: info.path,
          });
        }
        fds.set(info.path, fd);
      }
      const length = ref.length ?? info.size - ref.offset;
      if (ref.offset + length > info.size) {
        throw new OnnxError('E_EXTERNAL_RANGE', `external data of tensor "${t.name}" lies beyond the end of "${ref.location}"`, {
          value: t.name,
          path: info.path,
        });
      }
      const buf = new Uint8Array(length);
      for (let pos = 0; pos < length; ) {
        const n = fs.readSync(fd, buf, pos, Math.min(MAX_READ, length - pos), ref.offset + pos);
        if (n <= 0) throw new OnnxError('E_EXTERNAL_RANGE', `unexpected end of "${ref.location}"`, { path: info.path });
        pos += n;
      }
      t.resolveExternal(buf);
      done += length;
      opts.onProgress?.(done, total);
    }
  } finally {
    for (const fd of fds.values()) fs.closeSync(fd);
  }
}
