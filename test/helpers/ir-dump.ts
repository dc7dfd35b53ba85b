/**
 * A plain-data dump of everything a loaded model holds: every own property of every IR object,
 * with shared objects (a Value used by several nodes) written once and then referred to by id,
 * so that two decoders can be compared for the same objects, the same sharing and the same key
 * order. Tensor data is compared by content, closures (lazy tensors) by what they produce.
 */
import { Tensor } from '../../src/ir/tensor.js';

type Dumped = unknown;

function typedSummary(a: ArrayBufferView): Dumped {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let h = 2166136261;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 16777619);
  return { $typed: a.constructor.name, length: (a as unknown as { length: number }).length, bytes: a.byteLength, hash: h >>> 0 };
}

export function dumpIr(root: unknown): Dumped {
  const ids = new Map<object, number>();
  const walk = (x: unknown): Dumped => {
    if (x === null || x === undefined || typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean') {
      return typeof x === 'number' && !Number.isFinite(x) ? { $num: String(x) } : x === undefined ? { $undefined: true } : x;
    }
    if (typeof x === 'bigint') return { $bigint: x.toString() };
    if (typeof x === 'function') return { $fn: true };
    if (ArrayBuffer.isView(x)) return typedSummary(x);
    const o = x as object;
    const seen = ids.get(o);
    if (seen !== undefined) return { $ref: seen };
    const id = ids.size;
    ids.set(o, id);
    if (Array.isArray(o)) return { $id: id, items: o.map(walk) };
    if (o instanceof Map) return { $id: id, map: [...o].map(([k, v]) => [walk(k), walk(v)]) };
    if (o instanceof Set) return { $id: id, set: [...o].map(walk) };
    const out: Record<string, Dumped> = { $id: id, $class: o.constructor?.name ?? 'Object' };
    for (const k of Object.keys(o)) {
      if (k === '_thunk') continue; // compared through data() below
      out[k] = walk((o as Record<string, unknown>)[k]);
    }
    if (o instanceof Tensor && o.isLoaded && o.storage === 'fields') out.$data = walk(o.data());
    return out;
  };
  return walk(root);
}
