import path from 'node:path';
import { OnnxError } from '../../src/util/errors.js';

/** Refuses to write over the input unless --in-place was given. */
export function guardOutput(input: string, output: string, inPlace: boolean): void {
  if (path.resolve(input) === path.resolve(output) && !inPlace) {
    throw new OnnxError('E_USAGE', `refusing to overwrite the input "${input}"`, { hint: 'pass --in-place to replace it, or choose another -o file' });
  }
}
