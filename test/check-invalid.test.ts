/**
 * fixtures/invalid/<CODE>.onnx (or <CODE>/model.onnx) each break one rule: `check` must report
 * exactly that code and no other.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../src/check/check.js';
import { loadModel } from '../src/io/load.js';
import { REPO_ROOT } from './helpers/backend-tests.js';

const DIR = path.join(REPO_ROOT, 'fixtures/invalid');
const fixtures = fs.readdirSync(DIR).sort().map((f) => ({
  code: f.replace(/\.onnx$/, ''),
  file: f.endsWith('.onnx') ? path.join(DIR, f) : path.join(DIR, f, 'model.onnx'),
}));

describe('one invalid model per check rule', () => {
  it('covers every documented code', () => {
    const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs/diagnostics.md'), 'utf8');
    const documented = [...doc.matchAll(/^### `([EW]_[A-Z0-9_]+)`/gm)].map((m) => m[1]);
    expect(fixtures.map((f) => f.code).sort()).toEqual([...documented].sort());
  });
  for (const { code, file } of fixtures) {
    it(code, () => {
      const { model, diagnostics } = loadModel(file, { checkExternal: false });
      const r = checkModel(model, { loadDiagnostics: diagnostics });
      const codes = [...new Set(r.diagnostics.map((d) => d.code))];
      expect(codes, r.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n')).toEqual([code]);
      expect(r.valid).toBe(!code.startsWith('E_') || code === 'E_INFER');
    });
  }
});
