/**
 * Saving a model. Writes are atomic: data goes to temporary files in the destination folder,
 * which are renamed over the destination only once complete. The model object is not changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Model } from '../ir/model.js';
import { DataType } from '../ir/dtype.js';
import type { ExternalRef, Tensor } from '../ir/tensor.js';
import { OnnxError, messageOf } from '../util/errors.js';
import { allTensors, loadExternalData, resolveExternalPath } from './external-data.js';
import { onnx } from './proto.js';
import { removeQuietly, tempNameFor } from './atomic-write.js';
import { modelToProto } from './to-proto.js';

export interface SaveOptions {
  /**
   * 'auto' (default): external data if the model already has some, or if inline data would not
   * fit the 2 GiB protobuf limit; 'always': tensors of `threshold` bytes or more go to the data
   * file; 'never': everything inline.
   */
  externalData?: 'auto' | 'always' | 'never';
  /** Data file name, relative to the model's folder. Default: `<model file name>.data`. */
  location?: string;
  /** Smallest tensor (bytes) written externally. Default 1024, as onnx does. */
  threshold?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SaveResult {
  bytes: number;
  externalData?: { location: string; bytes: number; tensors: number };
}

const PROTOBUF_LIMIT = 2 ** 31 - 1;
/** Large tensors start on a page boundary so the data file can be memory-mapped. */
const PAGE = 4096;

/** Serializes a model to bytes (no external data written). Throws E_TOO_LARGE past 2 GiB. */
export function serializeModel(model: Model, external?: ReadonlyMap<Tensor, ExternalRef>): Uint8Array {
  let inline = 0;
  for (const t of allTensors(model)) if (!(external?.has(t) || t.externalRef)) inline += t.byteLength;
  if (inline > PROTOBUF_LIMIT) throw tooLarge(inline);
  const bytes = onnx.ModelProto.encode(modelToProto(model, external) as onnx.ModelProto).finish();
  if (bytes.byteLength > PROTOBUF_LIMIT) throw tooLarge(bytes.byteLength);
  return bytes;
}

function tooLarge(bytes: number): OnnxError {
  return new OnnxError('E_TOO_LARGE', `the model would be ${(bytes / 2 ** 30).toFixed(2)} GiB, beyond the 2 GiB protobuf limit`, {
    hint: 'save it with external data (weights in a separate file): --external-data',
  });
}

export function saveModel(model: Model, file: string, opts: SaveOptions = {}): SaveResult {
  const dir = path.dirname(path.resolve(file));
  const mode = opts.externalData ?? 'auto';
  const threshold = opts.threshold ?? 1024;
  const tensors = [...new Set(allTensors(model))];
  const hasExternal = tensors.some((t) => t.externalRef);
  const inlineBytes = tensors.reduce((s, t) => s + t.byteLength, 0);
  const useExternal = mode === 'always' || (mode === 'auto' && (hasExternal || inlineBytes > PROTOBUF_LIMIT));
  if (mode === 'never' && hasExternal) loadExternalData(model);
  let dataTmp: string | undefined;
  let modelTmp: string | undefined;
  try {
    let external: Map<Tensor, ExternalRef> | undefined;
    let dataInfo: SaveResult['externalData'];
    const location = opts.location ?? `${path.basename(file)}.data`;
    if (useExternal) {
      const dataPath = resolveExternalPath(dir, location);
      dataTmp = tempNameFor(dataPath);
      // Tensors already external stay external (their bytes are copied, never read whole).
      const chosen = tensors.filter((t) => t.dtype !== DataType.STRING && (t.byteLength >= threshold || t.externalRef));
      external = writeDataFile(model, chosen, dataTmp, location, opts.onProgress);
      dataInfo = { location, bytes: fs.statSync(dataTmp).size, tensors: chosen.length };
    }
    const bytes = serializeModel(model, external);
    modelTmp = tempNameFor(path.resolve(file));
    fs.writeFileSync(modelTmp, bytes);
    if (dataTmp) fs.renameSync(dataTmp, path.join(dir, location));
    dataTmp = undefined;
    fs.renameSync(modelTmp, file);
    modelTmp = undefined;
    return { bytes: bytes.byteLength, ...(dataInfo ? { externalData: dataInfo } : {}) };
  } catch (e) {
    removeQuietly(dataTmp, modelTmp);
    if (e instanceof OnnxError) throw e;
    throw new OnnxError('E_WRITE', `cannot write "${file}": ${messageOf(e)}`, { path: file });
  }
}

/** Writes the bytes of `tensors` to `tmp`, each aligned; returns their new references. */
function writeDataFile(
  model: Model,
  tensors: readonly Tensor[],
  tmp: string,
  location: string,
  onProgress?: (done: number, total: number) => void,
): Map<Tensor, ExternalRef> {
  const refs = new Map<Tensor, ExternalRef>();
  const total = tensors.reduce((s, t) => s + t.byteLength, 0);
  const out = fs.openSync(tmp, 'w');
  const sources = new Map<string, number>();
  let offset = 0;
  try {
    for (const t of tensors) {
      const length = t.byteLength;
      const align = length >= PAGE ? PAGE : 64;
      offset = Math.ceil(offset / align) * align;
      const src = t.externalRef;
      if (src) copyRange(model.baseDir, src, out, offset, length, sources);
      else writeAll(out, t.toRaw(), offset);
      refs.set(t, {
        location,
        offset,
        length,
        entries: [
          ['location', location],
          ['offset', String(offset)],
          ['length', String(length)],
        ],
      });
      offset += length;
      onProgress?.(offset, total);
    }
  } finally {
    fs.closeSync(out);
    for (const fd of sources.values()) fs.closeSync(fd);
  }
  return refs;
}

function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  for (let done = 0; done < bytes.byteLength; ) {
    done += fs.writeSync(fd, bytes, done, Math.min(bytes.byteLength - done, 1 << 30), position + done);
  }
}

/** Copies a tensor's bytes from its current external file without holding them all in memory. */
function copyRange(baseDir: string, src: ExternalRef, out: number, position: number, length: number, fds: Map<string, number>): void {
  const full = resolveExternalPath(baseDir, src.location);
  let fd = fds.get(full);
  if (fd === undefined) {
    fd = fs.openSync(full, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    fds.set(full, fd);
  }
  const chunk = new Uint8Array(Math.min(length, 16 << 20));
  for (let done = 0; done < length; ) {
    const n = fs.readSync(fd, chunk, 0, Math.min(chunk.byteLength, length - done), src.offset + done);
    if (n <= 0) throw new OnnxError('E_EXTERNAL_RANGE', `unexpected end of external data file "${src.location}"`);
    writeAll(out, chunk.subarray(0, n), position + done);
    done += n;
  }
}
