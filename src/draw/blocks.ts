/**
 * Repeated blocks found from the graph's structure, for models whose node names carry no
 * scopes (Conv_12, Add_7): the graph narrows to its fewest live tensors between blocks (the
 * residual stream of a ResNet or a transformer), so those narrow points cut it into segments,
 * and consecutive segments whose op sequences repeat with a short period form one block each.
 */
import type { DrawGraph } from './draw-graph.js';
import { completeKeys } from './group-keys.js';

/** Longest repeating unit tried, in segments (a transformer layer is two: attention, MLP). */
const MAX_PERIOD = 4;

/** Top-level op nodes cut at the graph's narrowest points, in topological order. */
function segments(g: DrawGraph): string[][] {
  const top = g.nodes.filter((n) => n.kind === 'op' && n.cluster === undefined);
  if (top.length < 4) return [];
  const index = new Map(top.map((n, i) => [n.id, i]));
  // A body's nodes stand for their top-level holder.
  const holderOf = new Map(g.clusters.map((c) => [c.id, c.holder]));
  const clusterOf = new Map(g.nodes.map((n) => [n.id, n.cluster]));
  const topOf = (id: string): number | undefined => {
    let cur = id;
    for (let c = clusterOf.get(cur); c !== undefined; c = clusterOf.get(cur)) cur = holderOf.get(c)!;
    return index.get(cur);
  };
  // Each value is live from its producer to its last consumer.
  const last = new Map<string, { from: number; to: number }>();
  for (const e of g.edges) {
    const a = topOf(e.from);
    const b = topOf(e.to);
    if (a === undefined || b === undefined || b <= a) continue;
    const key = `${a}>${e.value}`;
    const span = last.get(key);
    if (!span) last.set(key, { from: a, to: b });
    else span.to = Math.max(span.to, b);
  }
  const delta = new Int32Array(top.length + 1);
  for (const { from, to } of last.values()) {
    delta[from]!++;
    delta[to]!--;
  }
  // live[k]: tensors crossing the cut between node k and node k+1.
  const live: number[] = [];
  let run = 0;
  for (let k = 0; k < top.length - 1; k++) live.push((run += delta[k]!));
  const narrowest = Math.min(...live);
  const out: string[][] = [[]];
  top.forEach((n, k) => {
    out[out.length - 1]!.push(n.id);
    if (k < live.length && live[k]! <= narrowest) out.push([]);
  });
  return out.filter((s) => s.length > 0);
}

/**
 * Group keys of repeated blocks: runs of segments repeating with period p (1..MAX_PERIOD) at
 * least twice give one block per repetition. Empty when nothing repeats.
 */
export function blockKeys(g: DrawGraph): Map<string, string> {
  const segs = segments(g);
  const titleOf = new Map(g.nodes.map((n) => [n.id, n.title]));
  const sig = segs.map((s) => s.map((id) => titleOf.get(id)).join(','));
  const keys = new Map<string, string>();
  let block = 0;
  let i = 0;
  while (i < segs.length) {
    let best = { p: 0, reps: 1 };
    for (let p = 1; p <= MAX_PERIOD && i + 2 * p <= segs.length; p++) {
      const unit = sig.slice(i, i + p).join('|');
      let reps = 1;
      while (i + (reps + 1) * p <= segs.length && sig.slice(i + reps * p, i + (reps + 1) * p).join('|') === unit) reps++;
      const size = segs.slice(i, i + p).reduce((a, s) => a + s.length, 0);
      // Worth a box: repeated, and more than one node a block.
      if (reps >= 2 && size >= 2 && reps * p > best.reps * best.p) best = { p, reps };
    }
    if (best.p === 0) {
      i++;
      continue;
    }
    for (let r = 0; r < best.reps; r++) {
      const key = `block ${block++}`;
      for (const s of segs.slice(i + r * best.p, i + (r + 1) * best.p)) for (const id of s) keys.set(id, key);
    }
    i += best.reps * best.p;
  }
  return completeKeys(g, keys);
}
