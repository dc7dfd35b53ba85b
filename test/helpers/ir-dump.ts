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
  // A flat table of objects referring to each other by id, filled breadth first: a chain of 180
  // layers links Value -> producer -> input -> ... deeper than any stack, recursive or JSON.
  const ids = new Map<object, number>();
  const table: Dumped[] = [];
  const queue: object[] = [];
  const ref = (x: unknown): Dumped => {
    if (x === null || x === undefined || typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean') {
      return typeof x === 'number' && !Number.isFinite(x) ? { $num: String(x) } : x === undefined ? { $undefined: true } : x;
    }
    if (typeof x === 'bigint') return { $bigint: x.toString() };
    if (typeof x === 'function') return { $fn: true };
    if (ArrayBuffer.isView(x)) return typedSummary(x);
    const o = x as object;
    let id = ids.get(o);
    if (id === undefined) {
      ids.set(o, (id = ids.size));
      queue.push(o);
    }
    return { $ref: id };
  };
  const record = (o: object): Dumped => {
    if (Array.isArray(o)) return { items: o.map(ref) };
    if (o instanceof Map) return { map: [...o].map(([k, v]) => [ref(k), ref(v)]) };
    if (o instanceof Set) return { set: [...o].map(ref) };
    const out: Record<string, Dumped> = { $class: o.constructor?.name ?? 'Object' };
    for (const k of Object.keys(o)) {
      if (k === '_thunk') continue; // compared through data() below
      out[k] = ref((o as Record<string, unknown>)[k]);
    }
    if (o instanceof Tensor && o.isLoaded && o.storage === 'fields') out.$data = ref(o.data());
    return out;
  };
  const top = ref(root);
  for (let i = 0; i < queue.length; i++) table.push(record(queue[i]!));
  return { root: top, objects: table };
}
