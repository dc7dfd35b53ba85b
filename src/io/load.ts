/**
 * Loading a model: the file is read once; tensor bytes stay views of that buffer (no copy);
 * external data is checked (existence, bounds, security) but read only on request.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Model } from '../ir/model.js';
import type { Diagnostic } from '../util/diagnostics.js';
import { OnnxError, messageOf } from '../util/errors.js';
import { decodeModelDirect } from './decode-model.js';
import { checkExternalData, loadExternalData } from './external-data.js';
import { modelFromProto } from './from-proto.js';
import { onnx } from './proto.js';
import { describeNonModel } from './sniff.js';

export interface LoadOptions {
  /** Read external data into memory (needed to run or save elsewhere). Default false. */
  loadExternal?: boolean;
  /** Check that external data files exist and are large enough. Default true. */
  checkExternal?: boolean;
  /** Progress of reading external data (with loadExternal): bytes read, bytes in all. */
  onProgress?: (done: number, total: number) => void;
  /** Progress of the model file: bytes read (big files only), then decoding (done 0 of the file's bytes). */
  onFileProgress?: (stage: 'read' | 'decode', done: number, total: number) => void;
  /** The file's bytes, already read by the caller (a read started early, overlapping other work). */
  contents?: Buffer;
}

export interface LoadedModel {
  model: Model;
  /** Size of the model file in bytes. */
  bytes: number;
  /** Things the loader had to drop or could not represent (duplicate initializers ...). */
  warnings: string[];
  /** The same, with codes (for `check`). */
  diagnostics: Diagnostic[];
  externalData: { files: string[]; bytes: number };
}

/** Protobuf messages cannot exceed 2 GiB; Node cannot read more than this in one call either. */
const PROTOBUF_LIMIT = 2 ** 31 - 1;

/** Reads and decodes a model file. Errors are OnnxErrors naming the file (exit code 3). */
export function loadModel(file: string, opts: LoadOptions = {}): LoadedModel {
  const bytes = opts.contents ?? readModelFile(file, opts.onFileProgress ? (done, total) => opts.onFileProgress!('read', done, total) : undefined);
  opts.onFileProgress?.('decode', 0, bytes.byteLength);
  const loaded = decodeModel(bytes, { baseDir: path.dirname(path.resolve(file)), file });
  const ext = opts.checkExternal === false ? { files: [], bytes: 0 } : withFile(file, () => checkExternalData(loaded.model));
  if (opts.loadExternal) withFile(file, () => loadExternalData(loaded.model, { onProgress: opts.onProgress }));
  return { ...loaded, bytes: bytes.byteLength, externalData: ext };
}

function withFile<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof OnnxError) throw new OnnxError(e.code, `"${file}": ${e.message}`, { ...e.detail, path: e.detail.path ?? file });
    throw e;
  }
}

/** Files from this size on are read in chunks, so that a caller can show how far the read is. */
const CHUNKED_READ = 64 << 20;
const READ_CHUNK = 8 << 20;

/** Reads a file with errors that say what is wrong with it; `onProgress` hears of big reads chunk by chunk. */
export function readModelFile(file: string, onProgress?: (done: number, total: number) => void): Buffer {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new OnnxError('E_FILE_NOT_FOUND', `cannot read "${file}": no such file`, { path: file });
    throw new OnnxError('E_READ', `cannot read "${file}": ${messageOf(e)}`, { path: file });
  }
  if (st.isDirectory()) {
    throw new OnnxError('E_NOT_A_FILE', `cannot read "${file}": it is a directory, not a model file`, {
      path: file,
      hint: 'give the path of the .onnx file inside it',
    });
  }
  if (st.size === 0) throw new OnnxError('E_EMPTY_FILE', `cannot read "${file}": the file is empty`, { path: file });
  if (st.size > PROTOBUF_LIMIT) {
    throw new OnnxError(
      'E_FORMAT',
      `cannot read "${file}": ${(st.size / 2 ** 30).toFixed(2)} GiB is beyond the 2 GiB limit of a protobuf file`,
      { path: file, hint: 'models this large keep their weights in external data files' },
    );
  }
  try {
    return onProgress && st.size >= CHUNKED_READ ? readInChunks(file, st.size, onProgress) : fs.readFileSync(file);
  } catch (e) {
    throw new OnnxError('E_READ', `cannot read "${file}": ${messageOf(e)}`, { path: file });
  }
}

/** The same bytes as readFileSync, read a chunk at a time with a report after each. */
function readInChunks(file: string, size: number, onProgress: (done: number, total: number) => void): Buffer {
  const buf = Buffer.allocUnsafe(size);
  const fd = fs.openSync(file, 'r');
  try {
    let done = 0;
    while (done < size) {
      const n = fs.readSync(fd, buf, done, Math.min(READ_CHUNK, size - done), done);
      if (n === 0) throw new Error(`the file ended after ${done} of ${size} bytes`);
      done += n;
      onProgress(done, size);
    }
    return buf;
  } finally {
    fs.closeSync(fd);
  }
}

/** Decodes ModelProto bytes. `baseDir` is where external data locations are resolved. */
export function decodeModel(
  bytes: Uint8Array,
  opts: { baseDir?: string; file?: string } = {},
): { model: Model; warnings: string[]; diagnostics: Diagnostic[] } {
  const file = opts.file ?? '<bytes>';
  const notOnnx = describeNonModel(bytes);
  if (notOnnx) throw new OnnxError('E_FORMAT', `"${file}" is not an ONNX model: ${notOnnx.what}`, { path: file, hint: notOnnx.hint });
  const direct = decodeDirectly(bytes);
  if (direct) {
    if (!direct.model.hasGraph && direct.model.opsetImports.length === 0) throw noGraph(file);
    direct.model.baseDir = opts.baseDir ?? '.';
    return direct;
  }
  return decodeThroughMessages(bytes, file, opts.baseDir);
}

/** The direct decoder's result, or undefined when the bytes need the reference path (see decode-model.ts). */
function decodeDirectly(bytes: Uint8Array): ReturnType<typeof decodeModelDirect> | undefined {
  try {
    return decodeModelDirect(bytes);
  } catch {
    return undefined; // the reference path decodes it again and gives the exact result or error
  }
}

function noGraph(file: string): OnnxError {
  return new OnnxError('E_FORMAT', `"${file}" is not an ONNX model: it decodes as protobuf but has no graph and no opset import`, {
    path: file,
    hint: 'is it a TensorProto (.pb) or another protobuf file?',
  });
}

/** The reference path: generated protobufjs messages, then from-proto.ts. */
export function decodeThroughMessages(
  bytes: Uint8Array,
  file: string,
  baseDir?: string,
): { model: Model; warnings: string[]; diagnostics: Diagnostic[] } {
  let proto: onnx.ModelProto;
  try {
    proto = onnx.ModelProto.decode(bytes);
  } catch (e) {
    throw new OnnxError('E_PARSE', `"${file}" is not a valid ONNX model: ${protobufError(e, bytes.byteLength)}`, {
      path: file,
      hint: 'the file may be truncated or not a binary ONNX model',
    });
  }
  if (!proto.graph && (proto.opsetImport ?? []).length === 0) throw noGraph(file);
  try {
    const { model, warnings, diagnostics } = modelFromProto(proto);
    model.baseDir = baseDir ?? '.';
    return { model, warnings, diagnostics };
  } catch (e) {
    if (e instanceof OnnxError) throw new OnnxError(e.code, `"${file}": ${e.message}`, { ...e.detail, path: file });
    throw new OnnxError('E_PARSE', `"${file}" is not a valid ONNX model: ${messageOf(e)}`, { path: file });
  }
}

function protobufError(e: unknown, size: number): string {
  const msg = messageOf(e);
  if (/index out of range/i.test(msg)) return `the protobuf data ends early (file of ${size} bytes is truncated)`;
  if (/invalid wire type/i.test(msg)) return `malformed protobuf (${msg})`;
  if (/max depth/i.test(msg)) return 'protobuf nesting too deep';
  return `malformed protobuf (${msg})`;
}
