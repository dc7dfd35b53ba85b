/**
 * FLOPs of a model's main graph from inferred shapes (docs/flops.md): each op's `flops` function
 * applied to the shapes that inference gives, optionally with concrete input types (a run's
 * feeds), so every dim that follows from the inputs is a number.
 */
import type { Model } from '../ir/model.js';
import { normalizeDomain, type Node } from '../ir/node.js';
import type { Dim, ValueType } from '../ir/types.js';
import { AttrReader } from '../ops/attr-reader.js';
import { defaultRegistry } from '../ops/all.js';
import type { OpRegistry } from '../ops/registry.js';
import type { FlopsContext } from '../ops/types.js';
import { InferState } from './infer-shapes.js';

export interface FlopsOptions {
  registry?: OpRegistry;
  /** Types of graph inputs by name, overriding the declared ones (concrete shapes of a run). */
  inputTypes?: ReadonlyMap<string, ValueType>;
  /** Symbolic dims count as 1 (default, as `info` does) or make the node's FLOPs unknown. */
  symbolic?: 'one' | 'unknown';
}

export interface FlopsResult {
  /** Sum over the nodes whose FLOPs are known. */
  total: number;
  /** FLOPs of each main-graph node whose count is known. */
  byNode: Map<Node, number>;
  /** Per op type (domain-qualified for custom domains), largest first. */
  byOp: Record<string, number>;
  /** Op types that have no formula, or whose shapes are not known. */
  unknownOps: string[];
  /** Symbols taken as 1. */
  assumptions: string[];
}

/** Counts the FLOPs of one run of the main graph. Never throws for a problem of the model. */
export function modelFlops(model: Model, opts: FlopsOptions = {}): FlopsResult {
  const registry = opts.registry ?? defaultRegistry;
  const state = new InferState(model, registry, { strict: false, fold: true, apply: false });
  const opsets = new Map(model.opsetImports.map((o) => [normalizeDomain(o.domain), o.version]));
  const g = model.graph;
  state.inferGraph(g, opsets, opts.inputTypes ? g.inputs.map((v) => opts.inputTypes!.get(v.name)) : undefined);
  const symbolic = opts.symbolic ?? 'one';
  const assumptions = new Set<string>();
  const shapeOf = (t: ValueType | undefined): readonly number[] | undefined => {
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
  for (const node of g.nodes) {
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
      inputShape: (i) => {
        const v = node.inputs[i];
        return v ? shapeOf(state.typeOf(v)) : undefined;
      },
      outputShape: (i) => {
        const v = node.outputs[i];
        return v ? shapeOf(state.typeOf(v)) : undefined;
      },
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
