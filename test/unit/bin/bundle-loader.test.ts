/**
 * bin/bundle-loader.js: the code cache is used only for the build it was made from, and import()
 * still works in functions restored from it (Node 20 loses vm's import callback there).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBundle } from '../../../bin/bundle-loader.js';

interface Loaded {
  exports: { version: number; load(): Promise<{ answer: number }> };
  cache: 'none' | 'rejected' | 'used';
  cacheFile: string;
  saveCache(force?: boolean): void;
}
const load = loadBundle as unknown as (file: string) => Loaded;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-bundle-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A bundle of the form scripts/bundle.mjs writes: its build id on the first line. */
function writeBundle(id: string, version: number): string {
  const file = path.join(dir, 'onnx.cjs');
  fs.writeFileSync(file, `// onnx-bundle ${id.repeat(40)}\nexports.version = ${version};\nexports.load = () => __onnxImport('./views/m.mjs');\n`);
  return file;
}

describe('loadBundle', () => {
  fs.mkdirSync(path.join(dir, 'views'));
  fs.writeFileSync(path.join(dir, 'views/m.mjs'), 'export const answer = 42;\n');

  it('writes a cache on the first run and uses it on the next, import() included', async () => {
    const file = writeBundle('a', 1);
    const first = load(file);
    expect(first.cache).toBe('none');
    expect((await first.exports.load()).answer).toBe(42);
    first.saveCache();
    expect(first.cacheFile.startsWith(`${file}.`)).toBe(true);
    expect(fs.readFileSync(first.cacheFile).subarray(0, 20).toString('hex')).toBe('a'.repeat(40));
    const second = load(file);
    expect(second.cache).toBe('used');
    expect(second.exports.version).toBe(1);
    expect((await second.exports.load()).answer).toBe(42);
  });

  it('ignores a cache made for another build of the same length', () => {
    const file = writeBundle('b', 2);
    const other = load(file);
    expect(other.cache).toBe('none');
    expect(other.exports.version).toBe(2);
  });
});
