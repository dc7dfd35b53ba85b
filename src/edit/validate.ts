/**
 * After the edits: types are brought up to date and the model is checked. Stale intermediate
 * types (value_info) are dropped and re-inferred; types set by edits are kept; graph outputs
 * always end up typed. An inference failure the edits introduced makes the result invalid.
 */
import { checkModel } from '../check/check.js';
import type { Node } from '../ir/node.js';
import { sameType, tensorType, type Dim, type ValueType } from '../ir/types.js';
import type { Value } from '../ir/value.js';
import { inferModel } from '../infer/infer-shapes.js';
import { collectSymbols } from '../infer/merge.js';
import type { Diagnostic } from '../util/diagnostics.js';
import { shapeText } from './parse.js';
import type { EditSession, EditStage } from './session.js';
import type { EditChange } from './types.js';

/** Inference progress reported as `stage` of the edit. */
function nodeProgress(s: EditSession, stage: EditStage): { onProgress?: (done: number, total: number) => void } {
  const report = s.opts.onProgress;
  return report ? { onProgress: (done, total) => report(stage, done, total) } : {};
}

/** Remembers the nodes whose inference fails before any edit. */
export function recordInferFailures(s: EditSession): void {
  const names = new Set(
    inferModel(s.model, { registry: s.registry, apply: false, ...nodeProgress(s, 'prepare') })
      .diagnostics.filter((d) => d.code === 'E_INFER')
      .map((d) => d.node),
  );
  if (names.size === 0) return;
  for (const n of s.model.graph.allNodes()) if (names.has(n.name)) s.inferFailures.add(n);
}

/** `inferred`, with each dim inference could not know (a minted "unk__N" symbol) taken from `old`. */
function keepDeclaredDims(inferred: ValueType, old: ValueType, known: ReadonlySet<string>): ValueType {
  if (inferred.kind !== 'tensor' || old.kind !== 'tensor' || !old.shape) return inferred;
  if (!inferred.shape) return { ...inferred, shape: old.shape };
  if (inferred.shape.length !== old.shape.length) return inferred;
  const minted = (d: Dim) => typeof d === 'string' && /^unk__\d+$/.test(d) && !known.has(d);
  return { ...inferred, shape: inferred.shape.map((d, i) => (minted(d) ? old.shape![i]! : d)) };
}

function describe(t: ValueType | undefined): string {
  if (!t) return 'untyped';
  return t.kind === 'tensor' ? shapeText(t.shape) : t.kind;
}

/** Re-infers what the edits made stale; returns a change for each graph output whose type moved. */
export function retype(s: EditSession): EditChange[] {
  const main = s.model.graph;
  const before = new Map<Value, ValueType | undefined>(main.outputs.map((v) => [v, v.type]));
  let types: Map<Value, ValueType> | undefined;
  const infer = () => (types ??= inferModel(s.model, { registry: s.registry, apply: false, ...nodeProgress(s, 'infer') }).types);
  if (s.typesStale) {
    const had = new Map<Value, ValueType>();
    for (const g of main.allGraphs()) {
      for (const n of g.nodes) {
        for (const o of n.outputs) {
          if (!o.type || s.pinned.has(o)) continue;
          had.set(o, o.type);
          delete o.type;
        }
      }
    }
    const known = collectSymbols(s.model);
    const graphOutputs = new Set([...main.allGraphs()].flatMap((g) => g.outputs));
    const inferred = infer();
    for (const [v, old] of had) {
      const t = inferred.get(v);
      if (s.guessed.has(v)) v.type = t ? keepDeclaredDims(t, old, known) : old;
      else if (t) v.type = t;
      // A graph output needs a type; its old dims may be stale, its element type rarely is.
      else if (graphOutputs.has(v)) v.type = old.kind === 'tensor' ? tensorType(old.elemType) : old;
    }
  }
  for (const v of main.outputs) {
    if (v.type) continue;
    const t = infer().get(v);
    if (t) v.type = t;
  }
  const changes: EditChange[] = [];
  const outputs = new Set(main.outputs);
  for (const [v, old] of before) {
    if (!old || sameType(old, v.type) || !outputs.has(v)) continue;
    changes.push({
      op: 'infer',
      value: v.name,
      from: old.kind === 'tensor' ? (old.shape ?? null) : old.kind,
      to: v.type?.kind === 'tensor' ? (v.type.shape ?? null) : (v.type?.kind ?? null),
      summary: `output "${v.name}": ${describe(old)} -> ${describe(v.type)} (re-inferred)`,
    });
  }
  return changes;
}

const SEVERITY = { error: 0, warning: 1, info: 2 } as const;

/** Checks the edited model; inference failures on nodes that did not fail before become errors. */
export function validateEdited(s: EditSession): Diagnostic[] {
  const byName = new Map<string, Node[]>();
  for (const n of s.model.graph.allNodes()) {
    const list = byName.get(n.name);
    if (list) list.push(n);
    else byName.set(n.name, [n]);
  }
  const report = s.opts.onProgress;
  const onProgress = report
    ? (stage: 'infer' | 'rules', done: number, total: number): void => {
        if (stage === 'infer') report('validate', done, total);
      }
    : undefined;
  const diagnostics = checkModel(s.model, { registry: s.registry, ...(onProgress ? { onProgress } : {}) }).diagnostics.map((d) => {
    if (d.code !== 'E_INFER' || d.severity !== 'warning' || d.node === undefined) return d;
    const nodes = byName.get(d.node) ?? [];
    if (nodes.length === 0 || nodes.some((n) => s.inferFailures.has(n))) return d;
    return { ...d, severity: 'error' as const, message: `${d.message} (inference worked before the edits)` };
  });
  return diagnostics.sort((a, b) => SEVERITY[a.severity] - SEVERITY[b.severity]);
}
