/**
 * Real-architecture models (fixtures/real/, see its README): for each, `check` finds no error and
 * types every value of every graph; for each size in the manifest our executor's outputs equal
 * onnxruntime-node's; and every shape we infer, symbolic or from static inputs, equals the shape
 * onnxruntime produces. onnxruntime-node is a devDependency: its absence fails this file.
 * Tests listed in fixtures/real/KNOWN_FAILURES (each with its diagnosis) must fail until fixed.
 * REAL_MODELS_FILTER=<regex> runs a subset. A timing table is printed at the end.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkModel, type CheckResult } from '../src/check/check.js';
import type { Model } from '../src/ir/model.js';
import { Tensor } from '../src/ir/tensor.js';
import { shapeString, type ValueType } from '../src/ir/types.js';
import type { Value } from '../src/ir/value.js';
import { compareValues } from '../src/runtime/compare.js';
import { fromOrt, loadOnnxruntime, toOrt, type OrtModule, type OrtSession } from '../src/runtime/onnxruntime.js';
import { Session } from '../src/runtime/session.js';
import type { RtValue } from '../src/ops/values.js';
import { messageOf } from '../src/util/errors.js';
import { concreteDims, configLabel, knownFailures, loadReal, makeFeeds, REAL_DIR, realModels, saveWithAllOutputs, withStaticInputs, type RealModel, type RunConfig } from './helpers/real-models.js';
import { auditShapes, formatFindings, namedSymbols } from './helpers/shape-audit.js';

const TOLERANCE = { rtol: 1e-3, atol: 1e-4 };
const filter = process.env.REAL_MODELS_FILTER ? new RegExp(process.env.REAL_MODELS_FILTER) : undefined;
const models = realModels().filter((m) => !filter || filter.test(m.file));

interface Timing {
  model: string;
  config: string;
  checkMs?: number;
  oursMs?: number;
  ortMs?: number;
}
const timings: Timing[] = [];

let ort: OrtModule | undefined;
let ortError: unknown;

beforeAll(async () => {
  try {
    ort = await loadOnnxruntime();
  } catch (e) {
    ortError = e;
  }
});

function needOrt(): OrtModule {
  if (!ort) throw new Error(`onnxruntime-node is a devDependency of this project and must load: ${messageOf(ortError)}`);
  return ort;
}

async function ortRun(file: string, feeds: ReadonlyMap<string, RtValue>, timed = true): Promise<{ outputs: Map<string, Tensor>; ms: number }> {
  const o = needOrt();
  const session: OrtSession = await o.InferenceSession.create(file, { intraOpNumThreads: 1, interOpNumThreads: 1, logSeverityLevel: 3 });
  try {
    const inputs = Object.fromEntries([...feeds].map(([k, v]) => [k, toOrt(o, k, v)]));
    const result = await session.run(inputs);
    // A second, timed run: the first one includes onnxruntime's lazy initialization.
    const t0 = performance.now();
    if (timed) await session.run(inputs);
    const ms = performance.now() - t0;
    return { outputs: new Map(Object.entries(result).map(([k, v]) => [k, fromOrt(k, v)])), ms };
  } finally {
    await session.release?.();
  }
}

/** Outputs of ours that differ from onnxruntime's, one line each. */
function differences(ours: ReadonlyMap<string, RtValue>, theirs: ReadonlyMap<string, Tensor>, prefix: string, tolerance = TOLERANCE): string[] {
  const bad: string[] = [];
  for (const [name, expected] of theirs) {
    const c = compareValues(ours.get(name), expected, tolerance);
    if (!c.ok) bad.push(`${prefix}${name}: ${c.reason ?? `${c.mismatched}/${c.total} elements differ, max abs ${c.maxAbsDiff.toPrecision(3)}, max rel ${c.maxRelDiff.toPrecision(3)}`}`);
  }
  return bad;
}

/** Every value of every graph (subgraphs included) without an element type and a rank. */
function untypedValues(model: Model, types: ReadonlyMap<Value, ValueType>): string[] {
  const out: string[] = [];
  const describe = (t: ValueType | undefined): string | undefined => {
    if (!t) return 'no type';
    if (t.kind === 'tensor') return !t.elemType ? `no element type ${shapeString(t.shape)}` : t.shape ? undefined : 'no rank';
    if (t.kind === 'sequence' || t.kind === 'optional') return t.elem ? describe(t.elem) : `${t.kind} of unknown element`;
    return undefined;
  };
  /** An empty sequence's elements have a type but no shape to know. */
  const describeValue = (v: Value, t: ValueType | undefined): string | undefined => {
    if (v.producer?.opType === 'SequenceEmpty' && t?.kind === 'sequence' && t.elem?.kind === 'tensor' && t.elem.elemType) return undefined;
    return describe(t);
  };
  for (const g of model.graph.allGraphs()) {
    for (const v of g.values()) {
      if (!v.name) continue;
      const problem = describeValue(v, types.get(v) ?? v.type);
      if (problem) out.push(`"${v.name}" (${v.producer ? `${v.producer.opType} "${v.producer.name}"` : 'graph input'}${g === model.graph ? '' : `, in graph "${g.name}"`}): ${problem}`);
    }
  }
  return out;
}

function timing(model: string, config: string): Timing {
  let t = timings.find((x) => x.model === model && x.config === config);
  if (!t) timings.push((t = { model, config }));
  return t;
}

function inputSizes(model: Model, config: RunConfig): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const v of model.graph.inputs) {
    if (v.type?.kind !== 'tensor' || !v.type.shape) continue;
    const dims = concreteDims(v, config);
    v.type.shape.forEach((d, i) => typeof d === 'string' && sizes.set(d, dims[i]!));
  }
  return sizes;
}

/** REAL_MODELS_IGNORE_KNOWN=1: every failure fails, listed or not (to see the real state). */
const known = process.env.REAL_MODELS_IGNORE_KNOWN === '1' ? [] : knownFailures();
const testIds: string[] = [];

/**
 * A test that must pass, unless fixtures/real/KNOWN_FAILURES lists it: then it must still fail
 * (a listed test that passes fails until its line is removed).
 */
function realIt(file: string, title: string, body: () => unknown): void {
  const id = `${file} > ${title}`;
  testIds.push(id);
  const entry = known.find((k) => id.startsWith(k.prefix));
  it(title, async () => {
    if (!entry) return body();
    try {
      await body();
    } catch {
      return; // still failing, for the reason listed
    }
    throw new Error(`"${id}" passes now: remove "${entry.prefix}" from fixtures/real/KNOWN_FAILURES`);
  });
}

function describeModel(spec: RealModel): void {
  describe(spec.file, () => {
    let model: Model;
    let checked: CheckResult;
    let session: Session | undefined;
    let sessionError: unknown;
    let allOutputsFile: string | undefined;

    beforeAll(() => {
      model = loadReal(spec.file);
      const t0 = performance.now();
      checked = checkModel(model, { strict: true });
      timing(spec.file, '').checkMs = performance.now() - t0;
      try {
        session = Session.create(model, { seed: 0 });
      } catch (e) {
        sessionError = e;
      }
    });

    afterAll(() => {
      if (allOutputsFile) fs.rmSync(allOutputsFile.replace(/\/[^/]+$/, ''), { recursive: true, force: true });
    });

    realIt(spec.file, 'check: no error, every value of every graph typed with a rank', () => {
      const errors = checked.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`);
      expect(errors, 'check errors').toEqual([]);
      expect(untypedValues(model, checked.types), 'values without dtype and rank').toEqual([]);
    });

    spec.configs.forEach((config, ci) => {
      const label = configLabel(config) || 'static';
      realIt(spec.file, `run matches onnxruntime (${label})`, async () => {
        if (!session) throw sessionError;
        const feeds = makeFeeds(model, spec, config, 1000 + ci);
        let t0 = performance.now();
        const ours = session.run(feeds);
        let oursMs = performance.now() - t0;
        // Timed again (best of 3) when cheap: the first run includes the JIT's warm-up.
        for (let i = 0; i < 2 && oursMs < 300; i++) {
          t0 = performance.now();
          session.run(feeds);
          oursMs = Math.min(oursMs, performance.now() - t0);
        }
        const theirs = await ortRun(`${REAL_DIR}/${spec.file}`, feeds);
        Object.assign(timing(spec.file, label), { oursMs, ortMs: theirs.ms });
        const bad = differences(ours, theirs.outputs, '', spec.tolerance);
        if (spec.feedback) {
          // A second call with each runtime's own state fed back, as a streaming caller does.
          const next = (outs: ReadonlyMap<string, RtValue>) => {
            const m = new Map<string, RtValue>(feeds);
            for (const [output, input] of Object.entries(spec.feedback!)) m.set(input, outs.get(output)!);
            return m;
          };
          const ours2 = session.run(next(ours));
          const theirs2 = await ortRun(`${REAL_DIR}/${spec.file}`, next(theirs.outputs));
          bad.push(...differences(ours2, theirs2.outputs, 'second call: ', spec.tolerance));
        }
        expect(bad, 'outputs that differ from onnxruntime').toEqual([]);
      });

      realIt(spec.file, `inferred shapes match onnxruntime's (${label})`, async () => {
        allOutputsFile ??= saveWithAllOutputs(spec.file, (name) => {
          const v = model.graph.findValue(name);
          return v !== undefined && checked.types.get(v)?.kind === 'tensor';
        });
        const feeds = makeFeeds(model, spec, config, 1000 + ci);
        const { outputs } = await ortRun(allOutputsFile, feeds, false);
        // Symbolic: the model as shipped, its dims evaluated with this run's sizes.
        const symbolic = auditShapes(model.graph, checked.types, outputs, { sizes: inputSizes(model, config), named: namedSymbols(model.graph) });
        // Static: the same model with these input sizes written into its inputs.
        const fixed = withStaticInputs(spec.file, config);
        const fixedTypes = checkModel(fixed, { strict: true }).types;
        const fixedFindings = auditShapes(fixed.graph, fixedTypes, outputs, { sizes: new Map() });
        const report = [
          ...(symbolic.length ? ['with symbolic inputs:', formatFindings(symbolic)] : []),
          ...(fixedFindings.length ? ['with static inputs:', formatFindings(fixedFindings)] : []),
        ].join('\n');
        expect(report, 'inferred shapes that disagree with onnxruntime').toBe('');
      });
    });
  });
}

describe('real-architecture models', () => {
  it('onnxruntime-node loads (a devDependency)', () => {
    needOrt();
  });
  it('has fixtures', () => {
    expect(models.length).toBeGreaterThan(0);
  });
  for (const spec of models) describeModel(spec);
  if (!filter) {
    it('lists in KNOWN_FAILURES only tests that exist', () => {
      expect(known.filter((k) => !testIds.some((id) => id.startsWith(k.prefix))).map((k) => k.prefix)).toEqual([]);
    });
  }
});

afterAll(() => {
  const checkMs = new Map(timings.filter((t) => t.checkMs !== undefined).map((t) => [t.model, t.checkMs!]));
  const fmt = (ms: number | undefined) => (ms === undefined ? '-' : ms < 10 ? ms.toFixed(2) : ms.toFixed(0));
  const lines = [`${'model'.padEnd(40)} ${'sizes'.padEnd(58)} ${'check'.padStart(7)} ${'ours'.padStart(8)} ${'ort'.padStart(7)}  ours/ort`];
  let previous = '';
  for (const t of timings.filter((x) => x.oursMs !== undefined)) {
    const check = t.model === previous ? '' : fmt(checkMs.get(t.model));
    previous = t.model;
    const ratio = t.oursMs && t.ortMs ? `x${(t.oursMs / t.ortMs).toFixed(1)}` : '';
    lines.push(`${t.model.padEnd(40)} ${t.config.padEnd(58)} ${check.padStart(7)} ${fmt(t.oursMs).padStart(8)} ${fmt(t.ortMs).padStart(7)}  ${ratio}`);
  }
  console.log(`real-model timings (ms; runs timed after a warm-up run):\n${lines.join('\n')}`);
});
