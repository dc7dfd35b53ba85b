/**
 * Collapsing name scopes into single boxes, so that a 20,000-node export reads as its blocks:
 * exporters name nodes by module path (`/encoder/layer.3/attention/MatMul`), and the scope at
 * depth 2 (`/encoder/layer.3`) is one repeated block. Bodies of a collapsed node go with it.
 */
import type { DrawEdge, DrawGraph, DrawNode } from './draw-graph.js';

export type CollapseMode = 'auto' | 'scope' | 'none';

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
  /** The scope depth used; undefined when nothing was collapsed. */
  depth?: number;
}

/** The scope path of a node name: every segment but the last ("/a/b/MatMul" -> ["a", "b"]). */
export function scopeOf(name: string): string[] {
  if (!name.includes('/')) return [];
  const parts = name.split('/').filter((p) => p.length > 0);
  return parts.slice(0, -1);
}

/** For each top-level op node, the key of the group it joins at `depth`; bodies follow their holder. */
function groupKeys(g: DrawGraph, depth: number): Map<string, string> {
  const keys = new Map<string, string>();
  for (const n of g.nodes) {
    if (n.kind !== 'op' || n.cluster !== undefined) continue;
    const scope = scopeOf(n.name);
    if (scope.length >= depth) keys.set(n.id, `/${scope.slice(0, depth).join('/')}`);
  }
  // A body's nodes join the group of the top-level node that holds it.
  const holderOf = new Map(g.clusters.map((c) => [c.id, c.holder]));
  const clusterOf = new Map(g.nodes.map((n) => [n.id, n.cluster]));
  const topHolder = (cluster: string): string => {
    let holder = holderOf.get(cluster)!;
    for (let c = clusterOf.get(holder); c !== undefined; c = clusterOf.get(holder)) holder = holderOf.get(c)!;
    return holder;
  };
  for (const n of g.nodes) {
    if (n.cluster === undefined) continue;
    const key = keys.get(topHolder(n.cluster));
    if (key) keys.set(n.id, key);
  }
  // A group of one is just that node.
  const count = new Map<string, number>();
  for (const k of keys.values()) count.set(k, (count.get(k) ?? 0) + 1);
  for (const [id, k] of keys) if (count.get(k)! < 2) keys.delete(id);
  return keys;
}

function drawnCount(g: DrawGraph, keys: Map<string, string>): number {
  return g.nodes.length - keys.size + new Set(keys.values()).size;
}

function maxDepth(g: DrawGraph): number {
  let max = 0;
  for (const n of g.nodes) if (n.kind === 'op' && n.cluster === undefined) max = Math.max(max, scopeOf(n.name).length);
  return max;
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

/** Collapses by name scope as asked; 'auto' only when the picture is too big to read. */
export function collapse(g: DrawGraph, opts: CollapseOptions): CollapseResult {
  if (opts.mode === 'none') return { graph: g, groups: 0 };
  let depth = opts.depth ?? 2;
  if (opts.mode === 'auto') {
    if (g.nodes.length <= (opts.above ?? 1500)) return { graph: g, groups: 0 };
    const max = maxDepth(g);
    if (max === 0) return { graph: g, groups: 0 };
    depth = autoDepth(g, max, opts.target ?? 200);
  }
  const keys = groupKeys(g, depth);
  if (keys.size === 0) return { graph: g, groups: 0 };
  const graph = collapseGroups(g, keys);
  return { graph, groups: new Set(keys.values()).size, depth };
}
