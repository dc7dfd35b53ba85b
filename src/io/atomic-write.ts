/**
 * Atomic writes: data goes to a temporary file in the destination folder, renamed over the
 * target only once complete, so a failed command never leaves a half-written file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { OnnxError, messageOf } from '../util/errors.js';

/** A temporary name next to `file` (same folder, so the rename cannot cross filesystems). */
export function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
}

/** Removes files that may or may not exist. */
export function removeQuietly(...files: (string | undefined)[]): void {
  for (const f of files) {
    if (!f) continue;
    try {
      fs.unlinkSync(f);
    } catch {
      // already gone
    }
  }
}

export function writeFileAtomic(file: string, data: Uint8Array | string): void {
  const tmp = tempNameFor(file);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (e) {
    removeQuietly(tmp);
    throw new OnnxError('E_WRITE', `cannot write "${file}": ${messageOf(e)}`, { path: file });
  }
}
