/**
 * Layout of an activation arena: every value that lives in wasm memory during a run gets an
 * offset such that two values alive at the same step never overlap. Lifetimes are step
 * intervals [first, last] (inclusive: a step reads its inputs while it writes its outputs).
 * Greedy by size: the largest values are placed first, each at the lowest offset that fits
 * between the values it overlaps in time.
 */

export interface Lifetime<K> {
  key: K;
  bytes: number;
  first: number;
  last: number;
}

export interface ArenaLayout<K> {
  offsets: Map<K, number>;
  /** Bytes the arena needs. */
  total: number;
}

const ALIGN = 64;

export function planArena<K>(values: readonly Lifetime<K>[]): ArenaLayout<K> {
  const order = [...values].sort((a, b) => b.bytes - a.bytes || a.first - b.first);
  let from = Infinity;
  let to = -Infinity;
  for (const v of values) {
    from = Math.min(from, v.first);
    to = Math.max(to, v.last);
  }
  // The blocks placed so far, by the steps they are alive at: finding the blocks a value
  // overlaps in time walks its own lifetime, not every block placed (a 20,000-node graph has
  // ~10,000 values: comparing each with all placed before took a quarter of a second).
  const aliveAt: (number[] | undefined)[] = new Array(values.length ? to - from + 1 : 0);
  const placedOffset: number[] = [];
  const placedEnd: number[] = [];
  const seenBy: number[] = [];
  const offsets = new Map<K, number>();
  const busy: number[] = [];
  let total = 0;
  for (let j = 0; j < order.length; j++) {
    const v = order[j]!;
    const size = Math.ceil(v.bytes / ALIGN) * ALIGN;
    busy.length = 0;
    for (let t = v.first - from; t <= v.last - from; t++) {
      const list = aliveAt[t];
      if (!list) continue;
      for (const k of list) {
        if (seenBy[k] === j) continue;
        seenBy[k] = j;
        busy.push(k);
      }
    }
    busy.sort((a, b) => placedOffset[a]! - placedOffset[b]!);
    let offset = 0;
    for (const k of busy) {
      if (offset + size <= placedOffset[k]!) break;
      offset = Math.max(offset, placedEnd[k]!);
    }
    placedOffset.push(offset);
    placedEnd.push(offset + size);
    seenBy.push(j);
    for (let t = v.first - from; t <= v.last - from; t++) (aliveAt[t] ??= []).push(j);
    offsets.set(v.key, offset);
    total = Math.max(total, offset + size);
  }
  return { offsets, total };
}
