/**
 * `check` on ONNX's own backend-test models: none may get an error, except the few listed in
 * fixtures/conformance/CHECK_EXCEPTIONS (invalid per the spec; onnx's full checker agrees), which
 * must get exactly the code listed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../src/check/check.js';
import { loadModel } from '../src/io/load.js';
import { backendCases, REPO_ROOT } from './helpers/backend-tests.js';

const filter = process.env.CONFORMANCE_FILTER ? new RegExp(process.env.CONFORMANCE_FILTER) : undefined;

function exceptions(): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of fs.readFileSync(path.join(REPO_ROOT, 'fixtures/conformance/CHECK_EXCEPTIONS'), 'utf8').split('\n')) {
    const m = /^(\S+)\s+(E_\w+)/.exec(line.trim());
    if (m && !line.startsWith('#')) out.set(m[1]!, m[2]!);
  }
  return out;
}

describe('check on the valid backend-test models', () => {
  it('reports no error on any of them but the listed exceptions', () => {
    const known = exceptions();
    const problems: string[] = [];
    for (const c of backendCases()) {
      const id = `${c.group}/${c.name}`;
      if (filter && !filter.test(id)) continue;
      const { model, diagnostics } = loadModel(c.model);
      const r = checkModel(model, { loadDiagnostics: diagnostics });
      const codes = [...new Set(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))];
      const want = known.get(id);
      if (want) {
        if (codes.join() !== want) problems.push(`${id}: expected only ${want}, got ${codes.join(', ') || 'no error'}`);
      } else {
        for (const d of r.diagnostics) if (d.severity === 'error') problems.push(`${id}: ${d.code} ${d.message}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
