/**
 * The layered layout of a whole picture: each cluster (subgraph body) is laid out on its own,
 * then placed as one block in the layout of its parent, so bodies stay together. An edge that
 * crosses clusters is routed in the innermost layout that holds both ends.
 */
import type { DrawGraph } from '../draw-graph.js';
import { layoutLayers, type LayerEdge, type LayerItem } from './layers.js';
import { clipText, nodeSize, textWidth, type Size } from './measure.js';

/** A box by its top-left corner. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Point = [number, number];

export interface Layout {
  width: number;
  height: number;
  /** By DrawNode id. */
  nodes: Map<string, Box>;
  /** By DrawCluster id. */
  clusters: Map<string, Box>;
  /** One polyline per DrawGraph edge, in the same order: source port, bends, target port. */
  edges: Point[][];
}

export interface LayeredOptions {
  rankdir?: 'TB' | 'LR';
  /** Room between layers; larger when edges carry labels. */
  ranksep?: number;
  nodesep?: number;
}

const CLUSTER_PAD = 10;
const CLUSTER_LABEL = 16;
const MARGIN = 8;

interface Container {
  /** Item keys: a node id, or '#' + cluster id. */
  items: string[];
  index: Map<string, number>;
  edges: LayerEdge[];
  /** DrawGraph edge index of each layer edge. */
  edgeOf: number[];
  size?: Size;
  pos?: { x: Float64Array; y: Float64Array; routes: Point[][] };
}

export function layeredLayout(g: DrawGraph, opts: LayeredOptions = {}): Layout {
  const lr = opts.rankdir === 'LR';
  const nodesep = opts.nodesep ?? 18;
  const ranksep = opts.ranksep ?? 30;
  // Laid out top to bottom; LR swaps axes on the way in and out.
  const sizes = new Map<string, Size>();
  for (const n of g.nodes) {
    const s = nodeSize(n);
    sizes.set(n.id, lr ? { w: s.h, h: s.w } : s);
  }
  const labels = new Map(g.clusters.map((c) => [c.id, c.label]));
  const parentOf = new Map<string, string | undefined>(g.clusters.map((c) => [c.id, c.parent]));
  const containers = new Map<string | undefined, Container>();
  const container = (id: string | undefined): Container => {
    let c = containers.get(id);
    if (!c) containers.set(id, (c = { items: [], index: new Map(), edges: [], edgeOf: [] }));
    return c;
  };
  const order = new Map<string, number>();
  const addItem = (cid: string | undefined, key: string, at: number): void => {
    const c = container(cid);
    if (c.index.has(key)) return;
    c.index.set(key, c.items.length);
    c.items.push(key);
    order.set(key, at);
  };
  // A cluster item takes the place of its first node, so the topological order carries over.
  g.nodes.forEach((n, i) => {
    addItem(n.cluster, n.id, i);
    for (let c = n.cluster; c !== undefined; c = parentOf.get(c)) addItem(parentOf.get(c), `#${c}`, i);
  });
  for (const c of g.clusters) container(c.id);
  const clusterOfNode = new Map(g.nodes.map((n) => [n.id, n.cluster]));
  const chain = (cid: string | undefined): (string | undefined)[] => {
    const out: (string | undefined)[] = [cid];
    for (let c = cid; c !== undefined; ) out.push((c = parentOf.get(c)));
    return out;
  };
  /** The item standing for node `id` in container `target` (a node, or the child cluster holding it). */
  const itemIn = (id: string, target: string | undefined): string => {
    let key = id;
    for (let c = clusterOfNode.get(id); c !== target; c = parentOf.get(c!)) key = `#${c}`;
    return key;
  };
  g.edges.forEach((e, i) => {
    const ca = chain(clusterOfNode.get(e.from));
    const cb = new Set(chain(clusterOfNode.get(e.to)));
    const lca = ca.find((c) => cb.has(c));
    const c = container(lca);
    const a = c.index.get(itemIn(e.from, lca));
    const b = c.index.get(itemIn(e.to, lca));
    if (a === undefined || b === undefined || a === b) return;
    c.edges.push({ from: a, to: b });
    c.edgeOf.push(i);
  });

  // Bottom-up: deepest clusters first, so that a block's size is known when its parent is laid out.
  const depth = (cid: string | undefined): number => chain(cid).length;
  const ids = [...containers.keys()].sort((a, b) => depth(b) - depth(a));
  for (const cid of ids) {
    const c = containers.get(cid)!;
    const items: LayerItem[] = c.items.map((k) => {
      const s = k.startsWith('#') ? containers.get(k.slice(1))!.size! : sizes.get(k)!;
      return { w: s.w, h: s.h, order: order.get(k)! };
    });
    const r = layoutLayers(items, c.edges, { nodesep, ranksep });
    c.pos = { x: r.x, y: r.y, routes: r.routes };
    const label = cid === undefined ? 0 : textWidth(clipText(labels.get(cid) ?? ''), 10) + 16;
    // The label runs along the final x axis: the block's w here, or its h when LR swaps axes.
    const w = r.width + 2 * CLUSTER_PAD;
    const h = r.height + 2 * CLUSTER_PAD + CLUSTER_LABEL;
    c.size = cid === undefined ? { w: r.width, h: r.height } : lr ? { w, h: Math.max(h, label) } : { w: Math.max(w, label), h };
  }

  // Top-down: absolute positions.
  const nodes = new Map<string, Box>();
  const clusters = new Map<string, Box>();
  const routes: Point[][] = g.edges.map(() => []);
  const place = (cid: string | undefined, ox: number, oy: number): void => {
    const c = containers.get(cid)!;
    c.items.forEach((k, i) => {
      const cx = ox + c.pos!.x[i]!;
      const cy = oy + c.pos!.y[i]!;
      if (k.startsWith('#')) {
        const s = containers.get(k.slice(1))!.size!;
        clusters.set(k.slice(1), { x: cx - s.w / 2, y: cy - s.h / 2, w: s.w, h: s.h });
        place(k.slice(1), cx - s.w / 2 + CLUSTER_PAD, cy - s.h / 2 + CLUSTER_PAD + CLUSTER_LABEL);
      } else {
        const s = sizes.get(k)!;
        nodes.set(k, { x: cx - s.w / 2, y: cy - s.h / 2, w: s.w, h: s.h });
      }
    });
    c.edgeOf.forEach((ei, j) => (routes[ei] = c.pos!.routes[j]!.map(([x, y]): Point => [ox + x, oy + y])));
  };
  place(undefined, MARGIN, MARGIN);
  const root = containers.get(undefined)!.size!;

  const swap = (b: Box): Box => (lr ? { x: b.y, y: b.x, w: b.h, h: b.w } : b);
  for (const [k, b] of nodes) nodes.set(k, swap(b));
  for (const [k, b] of clusters) clusters.set(k, swap(b));
  const edges = g.edges.map((e, i): Point[] => {
    const a = nodes.get(e.from)!;
    const b = nodes.get(e.to)!;
    const bends = routes[i]!.map(([x, y]): Point => (lr ? [y, x] : [x, y]));
    // Leave from the side facing the flow, arrive on the opposite side.
    const forward = lr ? a.x + a.w <= b.x : a.y + a.h <= b.y;
    const out: Point = lr ? [forward ? a.x + a.w : a.x, a.y + a.h / 2] : [a.x + a.w / 2, forward ? a.y + a.h : a.y];
    const inn: Point = lr ? [forward ? b.x : b.x + b.w, b.y + b.h / 2] : [b.x + b.w / 2, forward ? b.y : b.y + b.h];
    return [out, ...bends, inn];
  });
  const w = root.w + 2 * MARGIN;
  const h = root.h + 2 * MARGIN;
  return { width: lr ? h : w, height: lr ? w : h, nodes, clusters, edges };
}
