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
  const placed: { offset: number; end: number; first: number; last: number }[] = [];
  const offsets = new Map<K, number>();
  let total = 0;
  for (const v of order) {
    const size = Math.ceil(v.bytes / ALIGN) * ALIGN;
    const busy = placed.filter((p) => p.first <= v.last && v.first <= p.last).sort((a, b) => a.offset - b.offset);
    let offset = 0;
    for (const p of busy) {
      if (offset + size <= p.offset) break;
      offset = Math.max(offset, p.end);
    }
    placed.push({ offset, end: offset + size, first: v.first, last: v.last });
    offsets.set(v.key, offset);
    total = Math.max(total, offset + size);
  }
  return { offsets, total };
}
