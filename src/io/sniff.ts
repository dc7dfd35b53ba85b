/**
 * Recognizes files that are clearly not binary ONNX models, so the error can name what they are
 * (as Netron does) instead of a protobuf decoding error.
 */

export interface NotAModel {
  what: string;
  hint?: string;
}

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

function asciiPrefix(bytes: Uint8Array, n: number): string {
  let s = '';
  for (let i = 0; i < Math.min(n, bytes.length); i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** undefined when the bytes may be a ModelProto; otherwise what they look like instead. */
export function describeNonModel(bytes: Uint8Array): NotAModel | undefined {
  if (startsWith(bytes, [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59])) return { what: 'it is a NumPy .npy array', hint: 'pass tensors with --input' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    return { what: 'it is a zip archive (a .npz, or a PyTorch checkpoint?)', hint: 'export the model to ONNX first (torch.onnx.export)' };
  }
  if (startsWith(bytes, [0x89, 0x48, 0x44, 0x46])) return { what: 'it is an HDF5 file (a Keras model?)' };
  if (startsWith(bytes, [0x1f, 0x8b])) return { what: 'it is gzip-compressed', hint: 'decompress it first' };
  if (startsWith(bytes, [0x80]) && (bytes[1] ?? 0) <= 5) return { what: 'it is a Python pickle' };
  const head = asciiPrefix(bytes, 64).trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return { what: 'it is JSON text, not a binary model', hint: 'JSON models are read once `onnx convert` supports them' };
  if (/^<\s*ir_version|^ir_version\s*:|^<\s*\n?\s*ir_version/.test(head) || /^<[a-z_]+\s*:/.test(head)) {
    return { what: 'it is ONNX text format', hint: 'text models are read once `onnx convert` supports them' };
  }
  if (/^(<\?xml|<svg|<!doctype|<html)/i.test(head)) return { what: 'it is an XML/HTML document' };
  return undefined;
}
