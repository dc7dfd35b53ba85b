/**
 * FLOPs of one run, from inferred shapes and each op's `flops` formula (docs/flops.md).
 * Symbolic dims count as 1 and are listed, so a dynamic batch gives the per-sample figure.
 */
import type { Model } from '../ir/model.js';
import { normalizeDomain, type Node } from '../ir/node.js';
import type { ValueType } from '../ir/types.js';
import type { Value } from '../ir/value.js';
import { AttrReader } from '../ops/attr-reader.js';
import { defaultRegistry } from '../ops/all.js';
import type { OpRegistry } from '../ops/registry.js';
import type { FlopsContext } from '../ops/types.js';

export interface FlopsResult {
  total: number;
  /** FLOPs per op type, largest first. */
  byOp: Record<string, number>;
  /** Symbolic dims taken as 1. */
  assumptions: string[];
  /** Op types with known shapes but no formula. */
  unknownOps: string[];
}

export function computeFlops(model: Model, types: ReadonlyMap<Value, ValueType>, registry: OpRegistry = defaultRegistry): FlopsResult {
  const opsets = new Map(model.opsetImports.map((o) => [normalizeDomain(o.domain), o.version]));
  const byOp = new Map<string, number>();
  const assumptions = new Set<string>();
  const unknown = new Set<string>();
  let total = 0;
  const shapeOf = (v: Value | undefined): readonly number[] | undefined => {
    if (!v) return undefined;
    const t = types.get(v) ?? v.type;
    if (t?.kind !== 'tensor' || !t.shape) return undefined;
    return t.shape.map((d) => {
      if (typeof d === 'number') return d;
      if (typeof d === 'string') assumptions.add(d);
      return 1;
    });
  };
  for (const node of model.graph.allNodes()) {
    const schema = registry.resolve(normalizeDomain(node.domain), node.opType, opsets.get(normalizeDomain(node.domain)) ?? 0);
    const fn = schema?.def.flops;
    if (!schema || !fn) {
      if (schema && node.outputs.some((o) => shapeOf(o))) unknown.add(node.qualifiedType);
      continue;
    }
    const ctx: FlopsContext = {
      node,
      attr: new AttrReader(node, schema),
      inputShape: (i: number) => shapeOf(node.inputs[i]),
      outputShape: (i: number) => shapeOf(node.outputs[i]),
    };
    let f: number | undefined;
    try {
      f = fn(ctx);
    } catch {
      f = undefined;
    }
    if (f === undefined || !Number.isFinite(f)) continue;
    total += f;
    byOp.set(node.qualifiedType, (byOp.get(node.qualifiedType) ?? 0) + f);
  }
  return {
    total,
    byOp: Object.fromEntries([...byOp].sort((a, b) => b[1] - a[1])),
    assumptions: [...assumptions].sort(),
    unknownOps: [...unknown].sort(),
  };
}

/** Helper for formulas: the element count of a shape. */
export function elements(shape: readonly number[] | undefined): number | undefined {
  return shape?.reduce((a, b) => a * b, 1);
}

export type { Node };
