/**
 * Which drawn nodes join which group box: by name scope (exporters name nodes by module path,
 * `/encoder/layer.3/attention/MatMul`), with subgraph bodies following the node that holds them.
 */
import type { DrawGraph } from './draw-graph.js';

/** The scope path of a node name: every segment but the last ("/a/b/MatMul" -> ["a", "b"]). */
export function scopeOf(name: string): string[] {
  if (!name.includes('/')) return [];
  const parts = name.split('/').filter((p) => p.length > 0);
  return parts.slice(0, -1);
}

/** For each op node, the key of the scope group it joins at `depth`. */
export function groupKeys(g: DrawGraph, depth: number): Map<string, string> {
  const keys = new Map<string, string>();
  for (const n of g.nodes) {
    if (n.kind !== 'op' || n.cluster !== undefined) continue;
    const scope = scopeOf(n.name);
    if (scope.length >= depth) keys.set(n.id, `/${scope.slice(0, depth).join('/')}`);
  }
  return completeKeys(g, keys);
}

/**
 * Completes group keys given for top-level nodes: a body's nodes join the group of the node
 * holding the body, and a group of one is dropped (it is just that node).
 */
export function completeKeys(g: DrawGraph, keys: Map<string, string>): Map<string, string> {
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

export function maxDepth(g: DrawGraph): number {
  let max = 0;
  for (const n of g.nodes) if (n.kind === 'op' && n.cluster === undefined) max = Math.max(max, scopeOf(n.name).length);
  return max;
}
