/**
 * Collapsing groups of nodes into single boxes, so that a 20,000-node export reads as its
 * blocks: name scopes (`/encoder/layer.3`), or repeated blocks found in the structure when names
 * have no scopes. Bodies of a collapsed node go with it; boxes of identical blocks say so.
 */
import { blockKeys } from './blocks.js';
import { groupKeys, maxDepth } from './group-keys.js';
import type { DrawEdge, DrawGraph, DrawNode } from './draw-graph.js';

export type CollapseMode = 'auto' | 'scope' | 'blocks' | 'none';

export interface CollapseOptions {
  mode: CollapseMode;
  /** Scope depth for 'scope' (default 2); auto picks one. */
  depth?: number;
  /** auto: collapse only graphs drawing more nodes than this. */
  above?: number;
  /** auto: the scope level whose picture has nearest this many boxes wins. */
  target?: number;
}

export interface CollapseResult {
  graph: DrawGraph;
  /** Group boxes drawn. */
  groups: number;
  /** The scope depth used; undefined when nothing was collapsed or when blocks were. */
  depth?: number;
}

function histogram(members: readonly DrawNode[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const m of members) if (m.kind === 'op') counts.set(m.title, (counts.get(m.title) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Replaces each group of nodes by one box; edges inside a group vanish, edges between boxes merge. */
export function collapseGroups(g: DrawGraph, keys: Map<string, string>): DrawGraph {
  const membersOf = new Map<string, DrawNode[]>();
  for (const n of g.nodes) {
    const k = keys.get(n.id);
    if (!k) continue;
    const list = membersOf.get(k);
    if (list) list.push(n);
    else membersOf.set(k, [n]);
  }
  const signatures = new Map<string, number>();
  const sigOf = new Map<string, string>();
  for (const [k, ms] of membersOf) {
    const sig = JSON.stringify(histogram(ms));
    sigOf.set(k, sig);
    signatures.set(sig, (signatures.get(sig) ?? 0) + 1);
  }
  const groupId = new Map<string, string>();
  const nodes: DrawNode[] = [];
  const boxOf = (id: string): string => {
    const k = keys.get(id);
    return k ? groupId.get(k)! : id;
  };
  for (const n of g.nodes) {
    const k = keys.get(n.id);
    if (!k) {
      nodes.push(n);
      continue;
    }
    if (groupId.has(k)) continue;
    const id = `g${groupId.size}`;
    groupId.set(k, id);
    const members = membersOf.get(k)!;
    const hist = histogram(members);
    const top = hist.slice(0, 3).map(([op, c]) => (c > 1 ? `${op}×${c}` : op));
    if (hist.length > 3) top.push('…');
    const alike = signatures.get(sigOf.get(k)!)!;
    nodes.push({
      id,
      kind: 'group',
      title: k,
      subtitle: `${members.length} nodes${alike > 1 ? ` · 1 of ${alike} alike` : ''} · ${top.join(' ')}`,
      name: k,
      category: 'group',
      initializers: [],
      attributes: hist.map(([op, c]) => ({ name: op, value: String(c), type: 'nodes' })),
      inputs: [],
      outputs: [],
      members: members.length,
    });
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const merged = new Map<string, DrawEdge & { values: Set<string> }>();
  const edges: DrawEdge[] = [];
  for (const e of g.edges) {
    const from = boxOf(e.from);
    const to = boxOf(e.to);
    if (from === to) continue;
    if (from === e.from && to === e.to) {
      edges.push(e);
      continue;
    }
    const key = `${from}>${to}`;
    const m = merged.get(key);
    if (m) {
      m.values.add(e.value);
      if (m.values.size > 1) {
        m.label = `${m.values.size} tensors`;
        m.value = [...m.values].join(', ');
      }
      continue;
    }
    const edge = { ...e, from, to, values: new Set([e.value]) };
    merged.set(key, edge);
    edges.push(edge);
    const field = { name: '', value: e.value, type: e.label };
    const a = byId.get(from);
    const b = byId.get(to);
    if (a?.kind === 'group' && !a.outputs.some((f) => f.value === e.value)) a.outputs.push(field);
    if (b?.kind === 'group' && !b.inputs.some((f) => f.value === e.value)) b.inputs.push(field);
  }
  const clean = edges.map((e) => ('values' in e ? { from: e.from, to: e.to, value: e.value, label: e.label, kind: e.kind } : e));
  const drawnClusters = new Set(nodes.map((n) => n.cluster).filter((c) => c !== undefined));
  const clusters = g.clusters.filter((c) => drawnClusters.has(c.id) || g.clusters.some((d) => d.parent === c.id && drawnClusters.has(d.id)));
  return { name: g.name, nodes, edges: clean, clusters };
}

function drawnCount(g: DrawGraph, keys: Map<string, string>): number {
  return g.nodes.length - keys.size + new Set(keys.values()).size;
}

/**
 * The scope depth whose picture size is nearest `target` boxes (on a log scale): a handful of
 * boxes says nothing, thousands are unreadable. Deeper wins ties, for more detail.
 */
function autoDepth(g: DrawGraph, max: number, target: number): number {
  let best = 1;
  let bestScore = Infinity;
  for (let d = 1; d <= max; d++) {
    const score = Math.abs(Math.log(drawnCount(g, groupKeys(g, d)) / target));
    if (score <= bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Collapses as asked: by name scope, or by repeated blocks found in the structure. 'auto' acts
 * only on pictures too big to read: by scope when names have scopes, else by blocks.
 */
export function collapse(g: DrawGraph, opts: CollapseOptions): CollapseResult {
  if (opts.mode === 'none') return { graph: g, groups: 0 };
  if (opts.mode === 'auto' && g.nodes.length <= (opts.above ?? 1500)) return { graph: g, groups: 0 };
  let keys: Map<string, string>;
  let depth: number | undefined;
  const max = maxDepth(g);
  if (opts.mode === 'blocks' || (opts.mode === 'auto' && max === 0)) {
    keys = blockKeys(g);
  } else {
    depth = opts.mode === 'auto' ? autoDepth(g, max, opts.target ?? 200) : (opts.depth ?? 2);
    keys = groupKeys(g, depth);
  }
  if (keys.size === 0) return { graph: g, groups: 0 };
  return { graph: collapseGroups(g, keys), groups: new Set(keys.values()).size, ...(depth !== undefined ? { depth } : {}) };
}
