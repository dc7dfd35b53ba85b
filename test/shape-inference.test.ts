/**
 * Shape inference on ONNX's backend-test models: the inferred dtype and shape of every graph
 * output must equal the declared one (a symbolic dim may carry another name, not another place),
 * except for the cases in fixtures/conformance/SHAPE_EXCEPTIONS, each with its reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModel } from '../src/io/load.js';
import { inferModel } from '../src/infer/infer-shapes.js';
import { shapeString, typeString, type ValueType } from '../src/ir/types.js';
import { backendCases, REPO_ROOT } from './helpers/backend-tests.js';
import { ownCases } from './helpers/conformance.js';

const EXCEPTIONS_FILE = path.join(REPO_ROOT, 'fixtures/conformance/SHAPE_EXCEPTIONS');
const filter = process.env.CONFORMANCE_FILTER ? new RegExp(process.env.CONFORMANCE_FILTER) : undefined;

function exceptions(): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.existsSync(EXCEPTIONS_FILE)) return out;
  for (const line of fs.readFileSync(EXCEPTIONS_FILE, 'utf8').split('\n')) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const m = /^(\S+)\s+(.*)$/.exec(t);
    out.set(m ? m[1]! : t, m ? m[2]! : '');
  }
  return out;
}

function describeType(t: ValueType | undefined): string {
  if (!t) return 'nothing';
  return t.kind === 'tensor' ? `${typeString(t)} ${shapeString(t.shape)}` : typeString(t);
}

/** Whether `inferred` says what `declared` says: same kind and dtype, same rank, same static dims. */
export function agrees(inferred: ValueType | undefined, declared: ValueType | undefined): boolean {
  if (!declared || declared.kind === 'unset') return true;
  if (!inferred || inferred.kind !== declared.kind) return false;
  if (declared.kind === 'sequence' || declared.kind === 'optional') {
    return agrees((inferred as typeof declared).elem, declared.elem);
  }
  if (declared.kind !== 'tensor') return true;
  const i = inferred as typeof declared;
  if (declared.elemType && i.elemType !== declared.elemType) return false;
  if (!declared.shape) return true;
  if (!i.shape || i.shape.length !== declared.shape.length) return false;
  return declared.shape.every((d, k) => {
    const x = i.shape![k];
    if (typeof d === 'number') return x === d;
    // A declared symbol: any symbol, a number, or an unknown dim (inference mints a symbol for it).
    return true;
  });
}

/** UPDATE_KNOWN_FAILURES=1 rewrites SHAPE_EXCEPTIONS from this run (keeping reasons); never in CI. */
const update = process.env.UPDATE_KNOWN_FAILURES === '1' && !filter && !process.env.CI;
const failing = new Map<string, string>();

const cases = [...backendCases(), ...ownCases()].filter((c) => !filter || filter.test(`${c.group}/${c.name}`));
/** CONFORMANCE_IGNORE_KNOWN=1: report real pass/fail, ignoring the exception list (local work only). */
const known = process.env.CONFORMANCE_IGNORE_KNOWN === '1' ? new Map<string, string>() : exceptions();

describe('shape inference on the backend-test models', () => {
  afterAll(() => {
    if (!update) return;
    const lines = [...failing].sort(([a], [b]) => a.localeCompare(b)).map(([id, why]) => `${id}  ${why}`);
    const header = '# Backend-test models whose inferred output types differ from the declared ones: <group>/<case>  <reason>.\n';
    fs.writeFileSync(EXCEPTIONS_FILE, header + lines.join('\n') + '\n');
  });
  for (const c of cases) {
    const id = `${c.group}/${c.name}`;
    it(id, () => {
      const { model } = loadModel(c.model);
      const declared = new Map(model.graph.outputs.map((v) => [v, v.type]));
      const result = inferModel(model, { apply: false });
      const problems: string[] = [];
      for (const d of result.diagnostics) if (d.severity === 'error') problems.push(`${d.code}: ${d.message}`);
      for (const [v, t] of declared) {
        const got = result.inferred.get(v) ?? (v.producer ? undefined : result.types.get(v));
        if (!agrees(got, t)) problems.push(`output "${v.name}": declared ${describeType(t)}, inferred ${describeType(got)}`);
      }
      if (problems.length) failing.set(id, known.get(id) ?? problems.join('; ').replace(/\s+/g, ' ').slice(0, 160));
      if (update) return;
      if (known.has(id)) expect(problems.length > 0, `${id} now infers correctly: remove it from SHAPE_EXCEPTIONS`).toBe(true);
      else expect(problems).toEqual([]);
    });
  }
});
