/**
 * Locates ONNX's backend conformance data: $ONNX_BACKEND_TESTS, else ../shared/onnx-backend-tests
 * next to the repository. Missing data is an error, never a silent pass.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function backendTestsDir(): string {
  const candidates = [process.env.ONNX_BACKEND_TESTS, path.resolve(REPO_ROOT, '../shared/onnx-backend-tests')];
  for (const c of candidates) if (c && fs.existsSync(path.join(c, 'node'))) return c;
  throw new Error(
    `ONNX backend test data not found (looked in ${candidates.filter(Boolean).join(', ')}); ` +
      'set ONNX_BACKEND_TESTS to the folder holding node/, simple/, pytorch-converted/, pytorch-operator/',
  );
}

export interface BackendCase {
  group: string;
  name: string;
  dir: string;
  model: string;
}

export function backendCases(): BackendCase[] {
  const root = backendTestsDir();
  const out: BackendCase[] = [];
  for (const group of ['node', 'simple', 'pytorch-converted', 'pytorch-operator']) {
    const gdir = path.join(root, group);
    if (!fs.existsSync(gdir)) continue;
    for (const name of fs.readdirSync(gdir).sort()) {
      const model = path.join(gdir, name, 'model.onnx');
      if (fs.existsSync(model)) out.push({ group, name, dir: path.join(gdir, name), model });
    }
  }
  return out;
}
