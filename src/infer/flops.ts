/**
 * FLOPs of one run (docs/flops.md): each op's `flops` formula applied to the shapes inference
 * gives, in the main graph and its subgraphs (a Loop body counts once). With concrete input
 * types (a run's feeds) every dim that follows from the inputs is a number.
 */
import type { Model } from '../ir/model.js';
import { normalizeDomain, type Node } from '../ir/node.js';
import type { Dim, ValueType } from '../ir/types.js';
import type { Value } from '../ir/value.js';
import { AttrReader } from '../ops/attr-reader.js';
import { defaultRegistry } from '../ops/all.js';
import type { OpRegistry } from '../ops/registry.js';
import type { FlopsContext } from '../ops/types.js';
import { InferState } from './infer-shapes.js';

export interface FlopsOptions {
  registry?: OpRegistry;
  /** Types from an inference already run (info, check); otherwise inference runs here. */
  types?: ReadonlyMap<Value, ValueType>;
  /** Types of graph inputs by name, overriding the declared ones (concrete shapes of a run). */
  inputTypes?: ReadonlyMap<string, ValueType>;
  /** Symbolic dims count as 1 (default, as `info` does) or make the node's FLOPs unknown. */
  symbolic?: 'one' | 'unknown';
  /** Progress of the inference this runs (nodes done, total). */
  onProgress?: (done: number, total: number) => void;
}

export interface FlopsResult {
  /** Sum over the nodes whose FLOPs are known. */
  total: number;
  /** FLOPs of each node whose count is known (subgraph nodes included). */
  byNode: Map<Node, number>;
  /** Per op type (domain-qualified for custom domains), largest first. */
  byOp: Record<string, number>;
  /** Op types that have no formula, or whose shapes are not known. */
  unknownOps: string[];
  /** Symbols taken as 1. */
  assumptions: string[];
}

function inferTypes(
  model: Model,
  registry: OpRegistry,
  inputTypes?: ReadonlyMap<string, ValueType>,
  onProgress?: (done: number, total: number) => void,
): (v: Value) => ValueType | undefined {
  const state = new InferState(model, registry, { strict: false, fold: true, apply: false });
  const opsets = new Map(model.opsetImports.map((o) => [normalizeDomain(o.domain), o.version]));
  const g = model.graph;
  state.inferGraph(g, opsets, inputTypes ? g.inputs.map((v) => inputTypes.get(v.name)) : undefined, onProgress);
  return (v) => state.typeOf(v);
}

/** Counts the FLOPs of one run. Never throws for a problem of the model. */
export function modelFlops(model: Model, opts: FlopsOptions = {}): FlopsResult {
  const registry = opts.registry ?? defaultRegistry;
  const given = opts.types;
  const typeOf = given && !opts.inputTypes ? (v: Value) => given.get(v) ?? v.type : inferTypes(model, registry, opts.inputTypes, opts.onProgress);
  const opsets = new Map(model.opsetImports.map((o) => [normalizeDomain(o.domain), o.version]));
  const symbolic = opts.symbolic ?? 'one';
  const assumptions = new Set<string>();
  const shapeOf = (v: Value | undefined): readonly number[] | undefined => {
    const t = v ? typeOf(v) : undefined;
    if (!t || (t.kind !== 'tensor' && t.kind !== 'sparse_tensor') || !t.shape) return undefined;
    const out: number[] = [];
    for (const d of t.shape as readonly Dim[]) {
      if (typeof d === 'number') out.push(d);
      else if (symbolic === 'one') {
        if (typeof d === 'string') assumptions.add(d);
        out.push(1);
      } else return undefined;
    }
    return out;
  };
  const byNode = new Map<Node, number>();
  const byOp = new Map<string, number>();
  const unknown = new Set<string>();
  for (const node of model.graph.allNodes()) {
    const domain = normalizeDomain(node.domain);
    const schema = registry.resolve(domain, node.opType, opsets.get(domain) ?? 0);
    const fn = schema?.def.flops;
    if (!schema || !fn) {
      unknown.add(node.qualifiedType);
      continue;
    }
    const ctx: FlopsContext = {
      node,
      attr: new AttrReader(node, schema, 'E_INFER'),
      inputShape: (i) => shapeOf(node.inputs[i]),
      outputShape: (i) => shapeOf(node.outputs[i]),
    };
    let f: number | undefined;
    try {
      f = fn(ctx);
    } catch {
      f = undefined;
    }
    if (f === undefined || !Number.isFinite(f)) {
      unknown.add(node.qualifiedType);
      continue;
    }
    byNode.set(node, f);
    byOp.set(node.qualifiedType, (byOp.get(node.qualifiedType) ?? 0) + f);
  }
  let total = 0;
  for (const f of byNode.values()) total += f;
  return {
    total,
    byNode,
    byOp: Object.fromEntries([...byOp].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))),
    unknownOps: [...unknown].sort(),
    assumptions: [...assumptions].sort(),
  };
}

/**
 * Concrete types for the graph inputs: a shape given by input name wins; otherwise each symbolic
 * dim takes the size given for that symbol, else 1 (listed in `assumptions`). Counting FLOPs on
 * these numbers makes every derived dim a number (floor((H+1)/2) ...) instead of an opaque 1.
 */
export function concreteInputs(
  model: Model,
  shapes: ReadonlyMap<string, readonly number[]> = new Map(),
): { inputTypes: Map<string, ValueType>; assumptions: string[] } {
  const g = model.graph;
  const inputTypes = new Map<string, ValueType>();
  const assumed = new Set<string>();
  for (const v of g.inputs) {
    if (g.initializers.has(v.name) || v.type?.kind !== 'tensor' || !v.type.shape) continue;
    const given = shapes.get(v.name);
    const shape = given
      ? [...given]
      : v.type.shape.map((d) => {
          if (typeof d === 'number') return d;
          const sized = typeof d === 'string' ? shapes.get(d) : undefined;
          if (sized && sized.length === 1) return sized[0]!;
          assumed.add(d ?? `${v.name}[?]`);
          return 1;
        });
    inputTypes.set(v.name, { kind: 'tensor', elemType: v.type.elemType, shape });
  }
  return { inputTypes, assumptions: [...assumed].sort() };
}

/** Helper for formulas: the element count of a shape. */
export function elements(shape: readonly number[] | undefined): number | undefined {
  return shape?.reduce((a, b) => a * b, 1);
}
