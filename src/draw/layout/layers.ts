/**
 * Sugiyama-style layout of one set of boxes joined by edges, in linear-ish time so that it runs
 * on graphs where Graphviz takes minutes: back edges reversed by a given order, longest-path
 * layering (sources pulled down next to their first consumer), dummy nodes on long edges,
 * barycentric ordering sweeps, and x positions from weighted isotonic regression (each layer
 * keeps its order and spacing while nodes move towards their neighbours).
 */

export interface LayerItem {
  w: number;
  h: number;
  /** Position in a topological order: an edge against it is drawn reversed. */
  order: number;
}

export interface LayerEdge {
  from: number;
  to: number;
}

export interface LayerOptions {
  nodesep: number;
  ranksep: number;
  /** Ordering sweeps (down and up); fewer on huge graphs. */
  sweeps?: number;
}

export interface LayerResult {
  /** Centre of each item. */
  x: Float64Array;
  y: Float64Array;
  width: number;
  height: number;
  /** Bend points of each edge (dummy node centres), from `from` to `to`. */
  routes: [number, number][][];
}

interface Work {
  layer: Int32Array;
  w: Float64Array;
  h: Float64Array;
  preds: number[][];
  succs: number[][];
  /** Per input edge: the chain of nodes from source to target in layout direction (dummies inside). */
  chains: number[][];
  reversed: boolean[];
}

function build(items: readonly LayerItem[], edges: readonly LayerEdge[]): Work {
  const n = items.length;
  const fwd: number[][] = items.map(() => []);
  const norm = edges.map((e) => {
    const rev = items[e.from]!.order > items[e.to]!.order;
    return { u: rev ? e.to : e.from, v: rev ? e.from : e.to, rev, self: e.from === e.to };
  });
  for (const e of norm) if (!e.self) fwd[e.u]!.push(e.v);
  // Longest path from sources, in topological (order) sequence.
  const byOrder = items.map((_, i) => i).sort((a, b) => items[a]!.order - items[b]!.order || a - b);
  const layer = new Int32Array(n);
  const indeg = new Int32Array(n);
  for (const u of byOrder) for (const v of fwd[u]!) indeg[v]!++;
  for (const u of byOrder) for (const v of fwd[u]!) layer[v] = Math.max(layer[v]!, layer[u]! + 1);
  // A source (input, Constant) sits right above its first consumer rather than at the top.
  for (let k = byOrder.length - 1; k >= 0; k--) {
    const u = byOrder[k]!;
    if (indeg[u] !== 0 || fwd[u]!.length === 0) continue;
    let min = Infinity;
    for (const v of fwd[u]!) min = Math.min(min, layer[v]!);
    layer[u] = min - 1;
  }
  let minLayer = 0;
  for (let i = 0; i < n; i++) minLayer = Math.min(minLayer, layer[i]!);
  const lay: number[] = Array.from(layer, (l) => l - minLayer);
  const w: number[] = items.map((it) => it.w);
  const h: number[] = items.map((it) => it.h);
  const preds: number[][] = items.map(() => []);
  const succs: number[][] = items.map(() => []);
  const chains: number[][] = [];
  for (const e of norm) {
    if (e.self) {
      chains.push([e.u, e.v]);
      continue;
    }
    const chain = [e.u];
    let prev = e.u;
    for (let l = lay[e.u]! + 1; l < lay[e.v]!; l++) {
      const d = w.length;
      lay.push(l);
      w.push(6);
      h.push(0);
      preds.push([prev]);
      succs.push([]);
      succs[prev]!.push(d);
      chain.push(d);
      prev = d;
    }
    succs[prev]!.push(e.v);
    preds[e.v]!.push(prev);
    chain.push(e.v);
    chains.push(chain);
  }
  return {
    layer: Int32Array.from(lay),
    w: Float64Array.from(w),
    h: Float64Array.from(h),
    preds,
    succs,
    chains,
    reversed: norm.map((e) => e.rev),
  };
}

/** Orders each layer by the mean position of neighbours in the previous (or next) layer. */
function orderLayers(wk: Work, items: readonly LayerItem[], sweeps: number): number[][] {
  const count = wk.layer.length;
  let maxLayer = 0;
  for (let i = 0; i < count; i++) maxLayer = Math.max(maxLayer, wk.layer[i]!);
  const layers: number[][] = Array.from({ length: maxLayer + 1 }, () => []);
  // Initial order: depth-first from the sources, so that chains start out together.
  const seen = new Uint8Array(count);
  const visit = (root: number): void => {
    const stack = [root];
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (seen[v]) continue;
      seen[v] = 1;
      layers[wk.layer[v]!]!.push(v);
      const s = wk.succs[v]!;
      for (let k = s.length - 1; k >= 0; k--) if (!seen[s[k]!]) stack.push(s[k]!);
    }
  };
  const roots = items.map((_, i) => i).sort((a, b) => items[a]!.order - items[b]!.order);
  for (const r of roots) if (wk.preds[r]!.length === 0) visit(r);
  for (let v = 0; v < count; v++) if (!seen[v]) visit(v);

  const pos = new Float64Array(count);
  const setPos = (l: number[]): void => l.forEach((v, i) => (pos[v] = i));
  layers.forEach(setPos);
  const key = new Float64Array(count);
  const reorder = (l: number[], nbrs: number[][]): void => {
    for (const v of l) {
      const ns = nbrs[v]!;
      if (ns.length === 0) {
        key[v] = pos[v]!;
        continue;
      }
      let s = 0;
      for (const u of ns) s += pos[u]!;
      key[v] = s / ns.length;
    }
    l.sort((a, b) => key[a]! - key[b]! || pos[a]! - pos[b]!);
    setPos(l);
  };
  for (let s = 0; s < sweeps; s++) {
    for (let l = 1; l < layers.length; l++) reorder(layers[l]!, wk.preds);
    for (let l = layers.length - 2; l >= 0; l--) reorder(layers[l]!, wk.succs);
  }
  return layers;
}

/**
 * Places a layer's nodes (in their order) as near as possible to `want`, keeping the minimum
 * spacing: weighted isotonic regression by pool-adjacent-violators, O(n).
 */
function placeLayer(l: readonly number[], want: Float64Array, weight: Float64Array, wk: Work, gap: number, x: Float64Array): void {
  const n = l.length;
  const offset = new Float64Array(n);
  for (let i = 1; i < n; i++) offset[i] = offset[i - 1]! + (wk.w[l[i - 1]!]! + wk.w[l[i]!]!) / 2 + gap;
  const bw: number[] = [];
  const bs: number[] = [];
  const bn: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = l[i]!;
    let cw = weight[v]!;
    let cs = cw * (want[v]! - offset[i]!);
    let cn = 1;
    while (bw.length > 0 && bs[bs.length - 1]! / bw[bw.length - 1]! > cs / cw) {
      cw += bw.pop()!;
      cs += bs.pop()!;
      cn += bn.pop()!;
    }
    bw.push(cw);
    bs.push(cs);
    bn.push(cn);
  }
  let i = 0;
  for (let b = 0; b < bw.length; b++) {
    const y = bs[b]! / bw[b]!;
    for (let k = 0; k < bn[b]!; k++, i++) x[l[i]!] = y + offset[i]!;
  }
}

function assignX(wk: Work, layers: number[][], nodesep: number, rounds: number): Float64Array {
  const count = wk.layer.length;
  const x = new Float64Array(count);
  for (const l of layers) {
    let cx = 0;
    for (const v of l) {
      x[v] = cx + wk.w[v]! / 2;
      cx += wk.w[v]! + nodesep;
    }
  }
  const want = new Float64Array(count);
  const weight = new Float64Array(count);
  // Dummies weigh more: long edges come out straight, real nodes bend towards them.
  for (let v = 0; v < count; v++) weight[v] = wk.h[v] === 0 ? 4 : 1;
  const pull = (l: number[], nbrs: number[][]): void => {
    for (const v of l) {
      const ns = nbrs[v]!;
      if (ns.length === 0) {
        want[v] = x[v]!;
        continue;
      }
      let s = 0;
      for (const u of ns) s += x[u]!;
      want[v] = s / ns.length;
    }
    placeLayer(l, want, weight, wk, nodesep, x);
  };
  for (let r = 0; r < rounds; r++) {
    for (let l = 1; l < layers.length; l++) pull(layers[l]!, wk.preds);
    for (let l = layers.length - 2; l >= 0; l--) pull(layers[l]!, wk.succs);
  }
  return x;
}

export function layoutLayers(items: readonly LayerItem[], edges: readonly LayerEdge[], opts: LayerOptions): LayerResult {
  if (items.length === 0) return { x: new Float64Array(0), y: new Float64Array(0), width: 0, height: 0, routes: edges.map(() => []) };
  const wk = build(items, edges);
  const total = wk.layer.length;
  const sweeps = opts.sweeps ?? (total > 20000 ? 4 : 8);
  const layers = orderLayers(wk, items, sweeps);
  const x = assignX(wk, layers, opts.nodesep, total > 20000 ? 4 : 8);
  const y = new Float64Array(total);
  let top = 0;
  for (const l of layers) {
    let lh = 0;
    for (const v of l) lh = Math.max(lh, wk.h[v]!);
    for (const v of l) y[v] = top + lh / 2;
    top += lh + opts.ranksep;
  }
  let minX = Infinity;
  let maxX = -Infinity;
  for (let v = 0; v < total; v++) {
    minX = Math.min(minX, x[v]! - wk.w[v]! / 2);
    maxX = Math.max(maxX, x[v]! + wk.w[v]! / 2);
  }
  for (let v = 0; v < total; v++) x[v] = x[v]! - minX;
  const routes = wk.chains.map((chain, i) => {
    const pts = chain.slice(1, -1).map((d): [number, number] => [x[d]!, y[d]!]);
    return wk.reversed[i] ? pts.reverse() : pts;
  });
  return { x: x.slice(0, items.length), y: y.slice(0, items.length), width: maxX - minX, height: Math.max(0, top - opts.ranksep), routes };
}
