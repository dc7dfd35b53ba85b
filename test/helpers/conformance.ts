/**
 * Runs one conformance case (ONNX backend-test layout: model.onnx + test_data_set_N/{input,output}_K.pb)
 * in-process and compares every output with the reference at rtol 1e-3, atol 1e-7.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadModel } from '../../src/io/load.js';
import { decodeValue } from '../../src/io/value-proto.js';
import { compareValues } from '../../src/runtime/compare.js';
import { Session } from '../../src/runtime/session.js';
import type { RtValue } from '../../src/ops/values.js';
import { messageOf } from '../../src/util/errors.js';
import { REPO_ROOT, type BackendCase } from './backend-tests.js';

export const TOLERANCE = { rtol: 1e-3, atol: 1e-7 };

export interface CaseResult {
  ok: boolean;
  message: string;
}

export function runCase(c: BackendCase): CaseResult {
  try {
    const { model } = loadModel(c.model, { loadExternal: true });
    const session = Session.create(model, { seed: 0 });
    const inputs = session.inputs;
    const sets = fs.readdirSync(c.dir).filter((d) => d.startsWith('test_data_set_')).sort();
    if (sets.length === 0) return { ok: false, message: 'no test_data_set_* folder' };
    for (const set of sets) {
      const dir = path.join(c.dir, set);
      const feeds = new Map<string, RtValue>();
      inputs.forEach((v, i) => {
        const f = path.join(dir, `input_${i}.pb`);
        if (fs.existsSync(f)) feeds.set(v.name, decodeValue(fs.readFileSync(f), v.type, f));
      });
      const outputs = session.run(feeds, { lenientShapes: true });
      const problems: string[] = [];
      model.graph.outputs.forEach((v, i) => {
        const f = path.join(dir, `output_${i}.pb`);
        if (!fs.existsSync(f)) return;
        const expected = decodeValue(fs.readFileSync(f), v.type, f);
        const cmp = compareValues(outputs.get(v.name), expected, TOLERANCE);
        if (!cmp.ok) {
          problems.push(
            `output "${v.name}": ${cmp.reason ?? `${cmp.mismatched}/${cmp.total} values differ (max abs ${cmp.maxAbsDiff.toPrecision(3)}, max rel ${cmp.maxRelDiff.toPrecision(3)})`}`,
          );
        }
      });
      if (problems.length) return { ok: false, message: `${set}: ${problems.join('; ')}` };
    }
    return { ok: true, message: 'ok' };
  } catch (e) {
    return { ok: false, message: messageOf(e) };
  }
}

export const KNOWN_FAILURES_FILE = path.join(REPO_ROOT, 'fixtures/conformance/KNOWN_FAILURES');

/** The known-failures list: "group/case  reason" per line; # comments and blank lines ignored. */
export function knownFailures(): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.existsSync(KNOWN_FAILURES_FILE)) return out;
  for (const line of fs.readFileSync(KNOWN_FAILURES_FILE, 'utf8').split('\n')) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const m = /^(\S+)\s+(.*)$/.exec(t);
    out.set(m ? m[1]! : t, m ? m[2]! : '');
  }
  return out;
}

/** Our own cases (operators and versions past opset 17), in the backend-test layout. */
export function ownCases(): BackendCase[] {
  const root = path.join(REPO_ROOT, 'fixtures/conformance/cases');
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .sort()
    .filter((n) => fs.existsSync(path.join(root, n, 'model.onnx')))
    .map((name) => ({ group: 'ours', name, dir: path.join(root, name), model: path.join(root, name, 'model.onnx') }));
}
