/** NumPy `.npz` archives: a zip of `.npy` members, each named after its array. */
import type { Tensor } from '../../ir/tensor.js';
import { OnnxError } from '../../util/errors.js';
import { decodeNpy, encodeNpy } from './npy.js';
import { listZip, readZipEntry, writeZip } from './zip.js';

/** Whether `bytes` start like a zip archive. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

/** The arrays of an .npz file by name (member name without ".npy"), in archive order. */
export function decodeNpz(bytes: Uint8Array, file = '<bytes>'): Map<string, Tensor> {
  const out = new Map<string, Tensor>();
  for (const e of listZip(bytes, file)) {
    if (!e.name.endsWith('.npy')) continue;
    const name = e.name.slice(0, -4);
    out.set(name, decodeNpy(readZipEntry(bytes, e, file), `${file}:${e.name}`));
  }
  if (out.size === 0) {
    throw new OnnxError('E_TENSOR_FILE', `"${file}" holds no .npy arrays`, { path: file, hint: 'write it with numpy.savez(file, name=array, ...)' });
  }
  return out;
}

/** Encodes named tensors as an .npz archive (numpy.savez, or savez_compressed with `compress`). */
export function encodeNpz(arrays: Iterable<readonly [string, Tensor]>, opts: { compress?: boolean; zip64?: boolean } = {}): Uint8Array {
  const files = [...arrays].map(([name, t]) => ({ name: `${name}.npy`, data: encodeNpy(t) }));
  return writeZip(files, { deflate: !!opts.compress, zip64: !!opts.zip64 });
}
