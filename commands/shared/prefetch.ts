/**
 * The model file read early: bin/onnx.js starts reading the file a command names while the CLI
 * bundle is still being loaded (Node reads it on another thread), and leaves the pending read
 * under a global symbol. A command takes it when it is for the path the command loads; a failed
 * or mismatched read is ignored, and the loader reads the file itself (and reports any error).
 */
import path from 'node:path';

export interface Prefetch {
  /** Absolute path of the file being read. */
  path: string;
  contents: Promise<Buffer>;
}

const KEY = Symbol.for('onnx.prefetch');

/** The early read of `file` (an absolute path), once; undefined when there is none for it. */
export async function takePrefetched(file: string): Promise<Buffer | undefined> {
  const holder = globalThis as { [KEY]?: Prefetch };
  const p = holder[KEY];
  if (!p || path.resolve(p.path) !== path.resolve(file)) return undefined;
  delete holder[KEY];
  try {
    return await p.contents;
  } catch {
    return undefined;
  }
}
