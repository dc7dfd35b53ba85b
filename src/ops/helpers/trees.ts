/**
 * Tree ensembles in the encoding of TreeEnsembleRegressor/TreeEnsembleClassifier (ai.onnx.ml 1
 * and 3): parallel nodes_* lists keyed by (tree id, node id), leaves carrying weighted votes in
 * target_* / class_* lists. Parsed once per run into flat arrays for the traversal.
 */
import type { AttrReader } from '../attr-reader.js';
import { toFloat64 } from './convert.js';

export const enum Rule {
  Leq,
  Lt,
  Gte,
  Gt,
  Eq,
  Neq,
  Leaf,
  Member,
}

const RULES: Record<string, Rule> = {
  BRANCH_LEQ: Rule.Leq,
  BRANCH_LT: Rule.Lt,
  BRANCH_GTE: Rule.Gte,
  BRANCH_GT: Rule.Gt,
  BRANCH_EQ: Rule.Eq,
  BRANCH_NEQ: Rule.Neq,
  LEAF: Rule.Leaf,
};

/** Whether value x takes the true branch of a node with `rule` and `threshold`. */
export function branchTrue(rule: Rule, x: number, threshold: number): boolean {
  switch (rule) {
    case Rule.Leq:
      return x <= threshold;
    case Rule.Lt:
      return x < threshold;
    case Rule.Gte:
      return x >= threshold;
    case Rule.Gt:
      return x > threshold;
    case Rule.Eq:
      return x === threshold;
    case Rule.Neq:
      return x !== threshold;
    default:
      return false;
  }
}

export interface LegacyForest {
  rules: Uint8Array;
  features: Int32Array;
  thresholds: Float64Array;
  /** Node indices of the true and false children. */
  yes: Int32Array;
  no: Int32Array;
  missingTrue: Uint8Array;
  /** Index of each tree's root node, trees in ascending id order. */
  roots: number[];
  /** The (tree id, node id) -> node index table, for the vote lists. */
  index: Map<string, number>;
}

/** A float list attribute or its `_as_tensor` twin (double). */
export function floatsOrTensor(attr: AttrReader, name: string): number[] | Float64Array | undefined {
  const t = attr.optTensor(`${name}_as_tensor`);
  if (t) return toFloat64(t);
  return attr.optFloats(name);
}

export function legacyForest(attr: AttrReader, fail: (m: string) => never): LegacyForest {
  const treeIds = attr.optInts('nodes_treeids') ?? [];
  const nodeIds = attr.optInts('nodes_nodeids') ?? [];
  const n = treeIds.length;
  const modes = attr.optStrings('nodes_modes') ?? [];
  const feats = attr.optInts('nodes_featureids') ?? [];
  const vals = floatsOrTensor(attr, 'nodes_values') ?? [];
  const trues = attr.optInts('nodes_truenodeids') ?? [];
  const falses = attr.optInts('nodes_falsenodeids') ?? [];
  const missing = attr.optInts('nodes_missing_value_tracks_true') ?? [];
  for (const [name, list] of [['nodes_nodeids', nodeIds], ['nodes_modes', modes], ['nodes_featureids', feats], ['nodes_truenodeids', trues], ['nodes_falsenodeids', falses]] as const) {
    if (list.length !== n) fail(`${name} has ${list.length} entries, nodes_treeids has ${n}`);
  }
  if (vals.length !== n) fail(`nodes_values has ${vals.length} entries, nodes_treeids has ${n}`);
  const index = new Map<string, number>();
  const rootOf = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    index.set(`${treeIds[i]}:${nodeIds[i]}`, i);
    if (!rootOf.has(treeIds[i]!)) rootOf.set(treeIds[i]!, i);
  }
  const f: LegacyForest = {
    rules: new Uint8Array(n),
    features: Int32Array.from(feats),
    thresholds: Float64Array.from(vals),
    yes: new Int32Array(n),
    no: new Int32Array(n),
    missingTrue: new Uint8Array(n),
    roots: [...rootOf.entries()].sort((a, b) => a[0] - b[0]).map(([, i]) => i),
    index,
  };
  for (let i = 0; i < n; i++) {
    const r = RULES[modes[i]!];
    if (r === undefined) fail(`unknown node mode "${modes[i]}"`);
    f.rules[i] = r;
    f.missingTrue[i] = (missing[i] ?? 0) >= 1 ? 1 : 0;
    if (r === Rule.Leaf) continue;
    const y = index.get(`${treeIds[i]}:${trues[i]}`);
    const no = index.get(`${treeIds[i]}:${falses[i]}`);
    if (y === undefined || no === undefined) fail(`node ${nodeIds[i]} of tree ${treeIds[i]} points to a node that does not exist`);
    f.yes[i] = y;
    f.no[i] = no;
  }
  return f;
}

/** The leaf a row ends in, starting at node `root`; NaN features follow nodes_missing_value_tracks_true. */
export function legacyLeaf(f: LegacyForest, root: number, x: Float64Array, offset: number, width: number): number {
  let i = root;
  for (let guard = 0; f.rules[i] !== Rule.Leaf; guard++) {
    if (guard > f.rules.length) return -1;
    const feat = f.features[i]!;
    const v = feat < width ? x[offset + feat]! : NaN;
    const t = Number.isNaN(v) ? f.missingTrue[i] === 1 : branchTrue(f.rules[i] as Rule, v, f.thresholds[i]!);
    i = t ? f.yes[i]! : f.no[i]!;
  }
  return i;
}

/** For each node index, its weighted votes (target or class id, weight) from the parallel *_treeids/_nodeids/_ids/weights lists. */
export function legacyVotes(
  f: LegacyForest,
  treeIds: readonly number[],
  nodeIds: readonly number[],
  ids: readonly number[],
  weights: ArrayLike<number>,
  fail: (m: string) => never,
): Map<number, [number, number][]> {
  if (nodeIds.length !== treeIds.length || ids.length !== treeIds.length || weights.length !== treeIds.length) {
    fail('the leaf vote lists (tree ids, node ids, ids, weights) differ in length');
  }
  const out = new Map<number, [number, number][]>();
  for (let k = 0; k < treeIds.length; k++) {
    const i = f.index.get(`${treeIds[k]}:${nodeIds[k]}`);
    if (i === undefined) fail(`a vote refers to node ${nodeIds[k]} of tree ${treeIds[k]}, which does not exist`);
    let list = out.get(i);
    if (!list) out.set(i, (list = []));
    list.push([ids[k]!, weights[k]!]);
  }
  return out;
}

export type Aggregate = 'SUM' | 'AVERAGE' | 'MIN' | 'MAX';

/**
 * Aggregates leaf votes into out[o .. o+targets): sums (averaged over `trees` for AVERAGE), or
 * the least/greatest vote; a target without votes stays 0. `base` is added afterwards.
 */
export class Aggregator {
  private readonly seen: Uint8Array;
  constructor(
    readonly mode: Aggregate,
    readonly targets: number,
  ) {
    this.seen = new Uint8Array(targets);
  }
  start(out: Float64Array, o: number): void {
    this.seen.fill(0);
    out.fill(0, o, o + this.targets);
  }
  add(out: Float64Array, o: number, target: number, w: number): void {
    const j = o + target;
    if (this.mode === 'SUM' || this.mode === 'AVERAGE') out[j] += w;
    else if (!this.seen[target]) {
      out[j] = w;
      this.seen[target] = 1;
    } else out[j] = this.mode === 'MIN' ? Math.min(out[j]!, w) : Math.max(out[j]!, w);
  }
  finish(out: Float64Array, o: number, trees: number, base: ArrayLike<number> | undefined): void {
    for (let t = 0; t < this.targets; t++) {
      if (this.mode === 'AVERAGE' && trees > 0) out[o + t] = out[o + t]! / trees;
      if (base) out[o + t] += base[t] ?? 0;
    }
  }
}
