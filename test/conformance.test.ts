/**
 * ONNX backend conformance: every case runs; a failure is allowed only when listed in
 * fixtures/conformance/KNOWN_FAILURES with a reason, and a listed case that passes fails the run
 * until it is removed. CONFORMANCE_FILTER=<regex> runs a subset (never in CI).
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { backendCases } from './helpers/backend-tests.js';
import { KNOWN_FAILURES_FILE, knownFailures, ownCases, runCase } from './helpers/conformance.js';

const filter = process.env.CONFORMANCE_FILTER ? new RegExp(process.env.CONFORMANCE_FILTER) : undefined;
const cases = [...backendCases(), ...ownCases()].filter((c) => !filter || filter.test(`${c.group}/${c.name}`));
/** CONFORMANCE_IGNORE_KNOWN=1: report real pass/fail, ignoring the known-failure list (local work only). */
const known = process.env.CONFORMANCE_IGNORE_KNOWN === '1' ? new Map<string, string>() : knownFailures();
const tally = { passed: 0, known: 0, failed: 0 };
/** UPDATE_KNOWN_FAILURES=1 rewrites the list from this run (keeping existing reasons); never in CI. */
const update = process.env.UPDATE_KNOWN_FAILURES === '1' && !filter && !process.env.CI;
const failures = new Map<string, string>();

describe('ONNX backend conformance', () => {
  if (!filter) {
    it('has all 1,072 backend-test cases', () => {
      expect(cases.filter((c) => c.group !== 'ours').length).toBe(1072);
    });
    it('lists only cases that exist', () => {
      const ids = new Set(cases.map((c) => `${c.group}/${c.name}`));
      expect([...known.keys()].filter((k) => !ids.has(k))).toEqual([]);
    });
  }
  for (const c of cases) {
    const id = `${c.group}/${c.name}`;
    it(id, () => {
      const r = runCase(c);
      if (!r.ok) failures.set(id, known.get(id) ?? r.message.replace(/\s+/g, ' ').slice(0, 160));
      if (update) return;
      if (known.has(id)) {
        if (r.ok) tally.passed++;
        else tally.known++;
        expect(r.ok, `${id} passes but is listed in KNOWN_FAILURES: remove it`).toBe(false);
      } else {
        if (r.ok) tally.passed++;
        else tally.failed++;
        expect(r.ok, r.message).toBe(true);
      }
    });
  }
  afterAll(() => {
    if (update) {
      const lines = [...failures].sort(([a], [b]) => a.localeCompare(b)).map(([id, why]) => `${id}  ${why}`);
      const header = '# Conformance cases that fail, one per line: <group>/<case>  <reason>.\n# A listed case that passes fails the suite until its line is removed.\n';
      fs.writeFileSync(KNOWN_FAILURES_FILE, header + lines.join('\n') + '\n');
    }
    console.log(`conformance: ${tally.passed} passed, ${tally.known} known failures, ${tally.failed} failed, of ${cases.length}`);
  });
});
