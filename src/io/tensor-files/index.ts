/**
 * Tensor files (inputs and outputs of `run`): .npy, .npz, .pb (TensorProto, SequenceProto,
 * OptionalProto as in ONNX test data) and .json. The format follows the extension; a file with
 * another extension is recognised by its first bytes. Errors name the file and what is wrong.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DataType, dtypeName } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import type { ValueType } from '../../ir/types.js';
import type { RtValue } from '../../ops/values.js';
import { OnnxError, messageOf } from '../../util/errors.js';
import { decodeValue, encodeValue } from '../value-proto.js';
import { decodeJsonTensor, encodeJsonTensor } from './json.js';
import { decodeNpy, encodeNpy, isNpy, npyStoredType } from './npy.js';
import { decodeNpz, encodeNpz, isZip } from './npz.js';

export type TensorFileFormat = 'npy' | 'npz' | 'pb' | 'json';

const EXTENSIONS: Record<string, TensorFileFormat> = { '.npy': 'npy', '.npz': 'npz', '.pb': 'pb', '.json': 'json' };

/** The format of a tensor file: from its extension, else from its first bytes (`head`). */
export function tensorFileFormat(file: string, head?: Uint8Array): TensorFileFormat | undefined {
  const byExt = EXTENSIONS[path.extname(file).toLowerCase()];
  if (byExt) return byExt;
  if (!head) return undefined;
  if (isNpy(head)) return 'npy';
  if (isZip(head)) return 'npz';
  let i = 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  if (head[i] === 0x7b || head[i] === 0x5b) return 'json';
  return 'pb';
}

/** Reads a whole file; a missing file, a folder or an empty file is an input error naming it. */
export function readTensorFileBytes(file: string, display = file): Buffer {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new OnnxError('E_FILE_NOT_FOUND', `cannot read "${display}": no such file`, { path: display });
    throw new OnnxError('E_READ', `cannot read "${display}": ${messageOf(e)}`, { path: display });
  }
  if (st.isDirectory()) throw new OnnxError('E_NOT_A_FILE', `cannot read "${display}": it is a folder, not a tensor file`, { path: display, hint: 'use --input-dir for a folder of tensor files' });
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new OnnxError('E_READ', `cannot read "${display}": ${messageOf(e)}`, { path: display });
  }
}

export interface ReadValueOptions {
  /** The type the model expects for this value: picks the .pb message kind and a JSON default dtype. */
  declared?: ValueType;
  /** Which array of an .npz file to take (else its only array). */
  entry?: string;
  /** How to name the file in messages (default: the path). */
  display?: string;
}

/** Reads one value from a tensor file (.npz: the array named `entry`, or its only one). */
export function readValueFile(file: string, opts: ReadValueOptions = {}): RtValue {
  const display = opts.display ?? file;
  const bytes = readTensorFileBytes(file, display);
  if (bytes.byteLength === 0 && path.extname(file).toLowerCase() !== '.pb') {
    throw new OnnxError('E_EMPTY_FILE', `cannot read "${display}": the file is empty`, { path: display });
  }
  const format = tensorFileFormat(file, bytes.subarray(0, 16));
  switch (format) {
    case 'npy':
      return decodeNpy(bytes, display);
    case 'npz': {
      const arrays = decodeNpz(bytes, display);
      if (opts.entry !== undefined && arrays.has(opts.entry)) return arrays.get(opts.entry)!;
      if (arrays.size === 1) return arrays.values().next().value!;
      const names = [...arrays.keys()].map((n) => `"${n}"`).join(', ');
      throw new OnnxError(
        'E_TENSOR_FILE',
        opts.entry !== undefined
          ? `"${display}" has no array named "${opts.entry}" (it holds ${names})`
          : `"${display}" holds ${arrays.size} arrays (${names}); say which one`,
        { path: display },
      );
    }
    case 'json': {
      const expected = opts.declared?.kind === 'tensor' ? opts.declared.elemType : undefined;
      return decodeJsonTensor(bytes.toString('utf8'), display, expected);
    }
    default:
      return checkedProto(decodeValue(bytes, opts.declared, display), display);
  }
}

/** Decodes the data of every tensor in a .pb value now, so that errors name the file. */
function checkedProto(v: RtValue, display: string): RtValue {
  const check = (x: RtValue | undefined): void => {
    if (x === undefined) return;
    if (x instanceof Tensor) {
      if (x.dtype === DataType.UNDEFINED) {
        throw new OnnxError('E_TENSOR_FILE', `"${display}" holds a TensorProto without a data_type`, { path: display });
      }
      if (x.externalRef) {
        throw new OnnxError('E_TENSOR_FILE', `"${display}" refers to external data ("${x.externalRef.location}"), which tensor files cannot use`, { path: display });
      }
      try {
        x.data();
      } catch (e) {
        throw new OnnxError('E_TENSOR_FILE', `"${display}" holds a tensor whose data does not match its type and shape: ${messageOf(e)}`, { path: display });
      }
    } else if (x.kind === 'sequence') x.items.forEach(check);
    else if (x.kind === 'optional') check(x.value);
    else for (const y of x.entries.values()) check(y);
  };
  check(v);
  return v;
}

/** Every array of an .npz file, by name. */
export function readNpzFile(file: string, display = file): Map<string, Tensor> {
  return decodeNpz(readTensorFileBytes(file, display), display);
}

/** Characters outside [A-Za-z0-9._-] become '_' (so any value name is a safe file name). */
export function sanitizeFileName(name: string): string {
  const s = name.replace(/[^A-Za-z0-9._-]/g, '_');
  return s === '' || s === '.' || s === '..' ? s.replace(/\./g, '_') || '_' : s;
}

import { writeFileAtomic } from '../atomic-write.js';

export { writeFileAtomic };

export interface WrittenFile {
  file: string;
  /** Set when the dtype had to be widened for the format (bfloat16 -> float32 in .npy ...). */
  storedAs?: string;
}

/**
 * Writes a value in the format of the file's extension (.npy, .npz, .pb, .json). Values .npy
 * cannot hold (sequences, maps, optionals) need .pb.
 */
export function writeValueFile(file: string, value: RtValue, name = ''): WrittenFile {
  const format = tensorFileFormat(file) ?? 'npy';
  let bytes: Uint8Array | string;
  let storedAs: string | undefined;
  if (format === 'pb') bytes = encodeValue(value, name);
  else {
    if (!(value instanceof Tensor)) {
      throw new OnnxError('E_UNSUPPORTED', `cannot write a ${value.kind} to "${file}": only tensors fit a .${format} file`, { path: file, hint: 'write it as .pb' });
    }
    if (format === 'json') bytes = encodeJsonTensor(value);
    else {
      bytes = format === 'npz' ? encodeNpz([[name || 'arr_0', value]]) : encodeNpy(value);
      const stored = value.dtype === DataType.STRING ? value.dtype : npyStoredType(value.dtype);
      if (stored !== value.dtype) storedAs = dtypeName(stored);
    }
  }
  writeFileAtomic(file, bytes);
  return storedAs ? { file, storedAs } : { file };
}

export { decodeNpy, encodeNpy, npyStoredType } from './npy.js';
export { decodeNpz, encodeNpz } from './npz.js';
export { decodeJsonTensor, encodeJsonTensor } from './json.js';
