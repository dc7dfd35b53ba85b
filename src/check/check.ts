/**
 * `check`: validates a model against the ONNX specification and infers the type and shape of
 * every value. Every problem is reported in one run, each with a stable code (docs/diagnostics.md).
 */
import type { Graph } from '../ir/graph.js';
import type { Model } from '../ir/model.js';
import { normalizeDomain } from '../ir/node.js';
import type { ValueType } from '../ir/types.js';
import type { Value } from '../ir/value.js';
import { inferModel } from '../infer/infer-shapes.js';
import { functionOpsets } from '../ir/functions.js';
import { defaultRegistry } from '../ops/all.js';
import type { OpRegistry } from '../ops/registry.js';
import type { Diagnostic } from '../util/diagnostics.js';
import type { CheckContext, GraphScope } from './context.js';
import { checkExternal } from './rules/external.js';
import { checkFunctions } from './rules/functions.js';
import { checkModelHeader } from './rules/model.js';
import { checkNodes } from './rules/nodes.js';
import { checkStructure, namesDefinedIn } from './rules/structure.js';

export interface CheckOptions {
  registry?: OpRegistry;
  /** Inference failures are errors instead of warnings. */
  strict?: boolean;
  /** Write the inferred types into the model (for saving with value_info). */
  apply?: boolean;
  /** Findings the loader made (duplicate initializers, duplicate attributes ...). */
  loadDiagnostics?: readonly Diagnostic[];
  /** Inference node by node (done of total main-graph nodes), then the rules graph by graph. */
  onProgress?: (stage: 'infer' | 'rules', done: number, total: number) => void;
}

export interface CheckResult {
  valid: boolean;
  diagnostics: Diagnostic[];
  /** Every value of every graph (subgraphs included) with its inferred type. */
  types: Map<Value, ValueType>;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Scopes of every graph to check: the main graph, its subgraphs (with what they can see), functions, training graphs. */
function scopes(model: Model): GraphScope[] {
  const out: GraphScope[] = [];
  const opsets = new Map(model.opsetImports.map((o) => [normalizeDomain(o.domain), o.version]));
  const walk = (graph: Graph, where: string, outer: ReadonlySet<string>, base: Omit<GraphScope, 'graph' | 'where' | 'outer' | 'isMain'>, isMain: boolean) => {
    out.push({ ...base, graph, where, outer, isMain });
    if (!graph.nodes.some((n) => n.subgraphs().length > 0)) return;
    const inner = new Set([...outer, ...namesDefinedIn(graph)]);
    for (const n of graph.nodes) {
      for (const [name, a] of n.attributes) {
        const graphs = n.subgraphs().filter((g) => a.value === g || (Array.isArray(a.value) && a.value.includes(g as never)));
        for (const g of graphs) walk(g, `${where ? `${where}, ` : ''}node "${n.name}" attribute "${name}"`, inner, { ...base, parent: n }, false);
      }
    }
  };
  walk(model.graph, '', new Set(), { opsets, isFunction: false }, true);
  for (const f of model.functions) {
    walk(f.body, `function "${f.domain}::${f.name}"`, new Set(), { opsets: functionOpsets(f, model), isFunction: true }, false);
  }
  model.trainingInfo.forEach((t, i) => {
    if (t.initialization) walk(t.initialization, `training info ${i} initialization`, new Set(), { opsets, isFunction: false }, false);
    if (t.algorithm) walk(t.algorithm, `training info ${i} algorithm`, new Set(), { opsets, isFunction: false }, false);
  });
  return out;
}

export function checkModel(model: Model, opts: CheckOptions = {}): CheckResult {
  const diagnostics: Diagnostic[] = [...(opts.loadDiagnostics ?? [])];
  const onProgress = opts.onProgress;
  const inferred = inferModel(model, {
    registry: opts.registry ?? defaultRegistry,
    strict: opts.strict ?? false,
    apply: false,
    ...(onProgress ? { onProgress: (done: number, total: number) => onProgress('infer', done, total) } : {}),
  });
  const ctx: CheckContext = {
    model,
    registry: opts.registry ?? defaultRegistry,
    types: inferred.types,
    report: (d) => diagnostics.push(d),
  };
  checkModelHeader(ctx);
  checkExternal(ctx);
  checkFunctions(ctx);
  if (model.hasGraph) {
    const all = scopes(model);
    all.forEach((scope, i) => {
      onProgress?.('rules', i, all.length);
      checkStructure(ctx, scope);
      checkNodes(ctx, scope);
    });
  }
  // A node already reported for its structure (attributes, counts) is not reported again for
  // the inference failure that follows from it: one problem, one line.
  const flagged = new Set(diagnostics.filter((d) => d.severity === 'error' && d.node !== undefined).map((d) => d.node));
  for (const d of inferred.diagnostics) if (d.code !== 'E_INFER' || !flagged.has(d.node)) diagnostics.push(d);
  if (opts.apply) {
    for (const [v, t] of inferred.types) if (!v.isGraphInput()) v.type = t;
  }
  const sorted = dedupe(diagnostics).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return { valid: !sorted.some((d) => d.severity === 'error'), diagnostics: sorted, types: inferred.types };
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.code}\u0000${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
