import { describe, expect, it } from 'vitest';
import { planArena } from '../../../src/runtime/wasm/arena.js';
import { WasmHeap } from '../../../src/runtime/wasm/heap.js';
import { mulberry32 } from '../../../src/runtime/random.js';

describe('WasmHeap', () => {
  it('hands out aligned, disjoint blocks, reuses and merges freed ones, and grows the memory', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1024, shared: true });
    const heap = new WasmHeap(memory, 1000, 1024 * 65536);
    const a = heap.alloc(100);
    const b = heap.alloc(1);
    const c = heap.alloc(200_000);
    expect([a, b, c].every((p) => p % 64 === 0)).toBe(true);
    expect(a).toBeGreaterThanOrEqual(1000);
    expect(b).toBeGreaterThanOrEqual(a + 100);
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(c + 200_000);
    heap.release(a);
    heap.release(b);
    // a and b merged: a block of their combined size fits where a was.
    expect(heap.alloc(128)).toBe(a);
    expect(() => heap.release(12345)).toThrow(/not allocated/);
  });

  it('stays consistent over random allocations and releases', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 4096, shared: true });
    const heap = new WasmHeap(memory, 0, 4096 * 65536);
    const rnd = mulberry32(7);
    const live = new Map<number, number>();
    for (let i = 0; i < 2000; i++) {
      if (live.size > 0 && rnd() < 0.45) {
        const keys = [...live.keys()];
        const p = keys[Math.floor(rnd() * keys.length)]!;
        heap.release(p);
        live.delete(p);
      } else {
        const n = 1 + Math.floor(rnd() * 5000);
        const p = heap.alloc(n);
        for (const [q, m] of live) expect(p + n <= q || q + m <= p).toBe(true);
        live.set(p, n);
      }
    }
    expect(heap.allocated).toBe([...live.values()].reduce((s, n) => s + Math.ceil(n / 64) * 64, 0));
  });

  it('refuses to grow past its limit with E_TOO_LARGE', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true });
    const heap = new WasmHeap(memory, 0, 4 * 65536);
    expect(() => heap.alloc(10 * 65536)).toThrow(expect.objectContaining({ code: 'E_TOO_LARGE' }));
  });
});

describe('planArena', () => {
  it('never overlaps values alive at the same step, and shares blocks otherwise', () => {
    const rnd = mulberry32(3);
    const values = Array.from({ length: 300 }, (_, key) => {
      const first = Math.floor(rnd() * 200);
      return { key, bytes: 1 + Math.floor(rnd() * 10000), first, last: first + Math.floor(rnd() * 20) };
    });
    const { offsets, total } = planArena(values);
    for (const a of values) {
      for (const b of values) {
        if (a === b || a.last < b.first || b.last < a.first) continue;
        const oa = offsets.get(a.key)!;
        const ob = offsets.get(b.key)!;
        expect(oa + a.bytes <= ob || ob + b.bytes <= oa).toBe(true);
      }
    }
    const sum = values.reduce((s, v) => s + v.bytes, 0);
    expect(total).toBeLessThan(sum / 3);
  });

  it('places every value where first fit among all values alive with it puts it (largest first)', () => {
    // The plain statement of the greedy layout, comparing each value with every one placed.
    const reference = (values: { key: number; bytes: number; first: number; last: number }[]) => {
      const order = [...values].sort((a, b) => b.bytes - a.bytes || a.first - b.first);
      const placed: { offset: number; end: number; first: number; last: number }[] = [];
      const offsets = new Map<number, number>();
      for (const v of order) {
        const size = Math.ceil(v.bytes / 64) * 64;
        let offset = 0;
        for (const p of placed.filter((p) => p.first <= v.last && v.first <= p.last).sort((a, b) => a.offset - b.offset)) {
          if (offset + size <= p.offset) break;
          offset = Math.max(offset, p.end);
        }
        placed.push({ offset, end: offset + size, first: v.first, last: v.last });
        offsets.set(v.key, offset);
      }
      return offsets;
    };
    const rnd = mulberry32(11);
    for (const [count, span, life] of [[1, 1, 0], [50, 40, 3], [400, 300, 12], [400, 50, 200]] as const) {
      const values = Array.from({ length: count }, (_, key) => {
        const first = Math.floor(rnd() * span) - 5; // steps may start below 0 (graph inputs)
        const bytes = rnd() < 0.3 ? 4096 : 1 + Math.floor(rnd() * 20000);
        return { key, bytes, first, last: first + Math.floor(rnd() * (rnd() < 0.1 ? span : life + 1)) };
      });
      expect(planArena(values).offsets).toEqual(reference(values));
    }
  });

  it('places a chain of values in two blocks', () => {
    const chain = Array.from({ length: 10 }, (_, i) => ({ key: i, bytes: 1000, first: i, last: i + 1 }));
    expect(planArena(chain).total).toBe(2 * 1024);
  });
});
