import fs from 'node:fs';
import path from 'node:path';
import { OnnxError, messageOf } from '../../src/util/errors.js';

/** Writes a file atomically: a temporary file in the same folder, renamed over the target when complete. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // never created
    }
    throw new OnnxError('E_WRITE', `cannot write "${file}": ${messageOf(e)}`, { path: file });
  }
}
