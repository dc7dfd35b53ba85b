/**
 * The neighbourhood view: the nodes within K edges of one node (either direction), so that a
 * question about one spot of a huge graph gets a small, fast picture. Nodes with neighbours
 * left out are marked `truncated` (drawn with a heavier or dashed border).
 */
import { OnnxError } from '../util/errors.js';
import type { DrawGraph, DrawNode } from './draw-graph.js';

/** The drawn nodes a name designates: a node (or graph input/output) name, else the producer of a value so named, else an id. */
function findStart(g: DrawGraph, name: string): DrawNode[] {
  const exact = g.nodes.filter((n) => n.name === name);
  const ops = exact.filter((n) => n.kind === 'op');
  if (ops.length > 0) return ops;
  if (exact.length > 0) return exact;
  const producers = new Set(g.edges.filter((e) => e.value === name).map((e) => e.from));
  if (producers.size > 0) return g.nodes.filter((n) => producers.has(n.id));
  const byId = g.nodes.find((n) => n.id === name);
  return byId ? [byId] : [];
}

function suggestions(g: DrawGraph, name: string): string[] {
  const needle = name.toLowerCase();
  return g.nodes
    .filter((n) => n.name && n.name.toLowerCase().includes(needle))
    .slice(0, 5)
    .map((n) => n.name);
}

export function neighbourhood(g: DrawGraph, around: string, radius: number): DrawGraph {
  const start = findStart(g, around);
  if (start.length === 0) {
    const near = suggestions(g, around);
    throw new OnnxError('E_INVALID_ARG', `--around expects the name of a node or value in the model, found none named "${around}"`, {
      hint: near.length > 0 ? `names containing it: ${near.map((n) => `"${n}"`).join(', ')}` : 'onnx info lists the model; node names are case-sensitive',
    });
  }
  const adj = new Map<string, string[]>();
  const link = (a: string, b: string): void => {
    const l = adj.get(a);
    if (l) l.push(b);
    else adj.set(a, [b]);
  };
  for (const e of g.edges) {
    link(e.from, e.to);
    link(e.to, e.from);
  }
  const dist = new Map<string, number>(start.map((n) => [n.id, 0]));
  let frontier = start.map((n) => n.id);
  for (let d = 1; d <= radius && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const m of adj.get(id) ?? []) {
        if (dist.has(m)) continue;
        dist.set(m, d);
        next.push(m);
      }
    }
    frontier = next;
  }
  const nodes = g.nodes
    .filter((n) => dist.has(n.id))
    .map((n) => ((adj.get(n.id) ?? []).some((m) => !dist.has(m)) ? { ...n, truncated: true } : n));
  const edges = g.edges.filter((e) => dist.has(e.from) && dist.has(e.to));
  const used = new Set(nodes.map((n) => n.cluster).filter((c) => c !== undefined));
  // Keep every enclosing cluster of a drawn node.
  const parentOf = new Map(g.clusters.map((c) => [c.id, c.parent]));
  for (const c of [...used]) for (let p = parentOf.get(c); p !== undefined; p = parentOf.get(p)) used.add(p);
  return { name: g.name, nodes, edges, clusters: g.clusters.filter((c) => used.has(c.id)) };
}
