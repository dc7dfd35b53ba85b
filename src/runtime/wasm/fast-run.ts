/**
 * The state of one run of a session's fast path (fast-session.ts): which values are in wasm
 * memory and where, in-place outputs, aliases made by reference kernels, and the recording of
 * sizes and lifetimes from which the arena is laid out after the first run.
 */
import { DataType } from '../../ir/dtype.js';
import type { Graph } from '../../ir/graph.js';
import { Tensor } from '../../ir/tensor.js';
import type { Value } from '../../ir/value.js';
import type { FastKernel, FastRunContext } from '../../ops/fast/types.js';
import { MapValue, OptionalValue, SequenceValue, type RtValue } from '../../ops/values.js';
import { OnnxError } from '../../util/errors.js';
import type { Lifetime } from './arena.js';
import type { WasmEngine } from './engine.js';
import type { ArenaPlan, FastSession } from './fast-session.js';

/** A block of wasm memory holding a value during a run. */
interface Resident {
  ptr: number;
  bytes: number;
  /** The value itself plus its live aliases. */
  refs: number;
  /** Allocated from the heap for this run (not in the arena). */
  dynamic: boolean;
  value: Value;
}

/** The state of one run: which values are in wasm memory, and where. */
export class FastRun {
  private readonly resident = new Map<Value, Resident>();
  /** Values that are views into another value's block. */
  private readonly aliasOf = new Map<Value, Resident>();
  /** Sizes and first steps recorded for the arena (record mode). */
  private readonly recorded = new Map<Value, { bytes: number; first: number }>();
  /** Outputs written over an input's block this run: output -> input. */
  private readonly donations = new Map<Value, Value>();
  private readonly aliasesSeen: [Value, Value][] = [];
  /** Steps done by a fused kernel earlier in the run. */
  private readonly skipped = new Set<number>();
  /** A planned run met a value the arena does not cover: the next run records again. */
  private dirty = false;
  private step = -1;
  private fastSteps = 0;
  private stepBlocks: number[] = [];

  constructor(
    private readonly fs: FastSession,
    private readonly arena: ArenaPlan | undefined,
    private readonly signature: string | undefined,
    private readonly keep: boolean,
  ) {}

  /** Whether step i was computed by a fused kernel of an earlier step. */
  skips(i: number): boolean {
    return this.skipped.has(i);
  }

  /**
   * Runs step i's fast kernel on these inputs; returns the values it wrote, or undefined when
   * the step has none or it declined (the reference kernel runs then).
   */
  run(i: number, inputs: readonly (RtValue | undefined)[], lookup: (v: Value) => RtValue | undefined): [Value, Tensor][] | undefined {
    const plan = this.fs.plan(i);
    if (!plan) return undefined;
    this.step = i;
    if (plan.fused && !this.keep) {
      const extra = plan.fused.extra;
      const all = extra.length ? [...this.fs.node(i).inputs.map((_, k) => inputs[k]), ...extra.map(lookup)] : inputs;
      const out = this.attempt(plan.fused.kernel, i, all, [plan.fused.output], extra);
      if (out) {
        for (const j of plan.fused.skips) this.skipped.add(j);
        this.fastSteps += 1 + plan.fused.skips.length;
        return out;
      }
    }
    const out = plan.kernel ? this.attempt(plan.kernel, i, inputs, this.fs.node(i).outputs, []) : undefined;
    if (out) this.fastSteps++;
    return out;
  }

  private attempt(kernel: FastKernel, i: number, inputs: readonly (RtValue | undefined)[], outputs: readonly Value[], extra: readonly Value[]): [Value, Tensor][] | undefined {
    const node = this.fs.node(i);
    const own = node.inputs.length;
    const written: [Value, Tensor][] = [];
    const allocated: Value[] = [];
    const engine = this.fs.engine;
    const ctx: FastRunContext = {
      engine,
      threads: this.fs.threads,
      input: (k) => {
        const x = inputs[k];
        return x instanceof Tensor ? x : undefined;
      },
      ptr: (k) => {
        const x = inputs[k];
        const v = k < own ? node.inputs[k] : extra[k - own];
        if (!(x instanceof Tensor) || !v) throw new OnnxError('E_INTERNAL', `fast kernel read input ${k} of ${node.opType}, which is not a tensor`);
        return this.ptrOf(v, x);
      },
      output: (k, dims) => {
        const v = outputs[k]!;
        let n = 1;
        for (const d of dims) n *= d;
        const r = this.allocate(v, n * 4);
        allocated.push(v);
        const t = Tensor.fromData(DataType.FLOAT, dims, engine.f32(r.ptr, n));
        written.push([v, t]);
        return r.ptr;
      },
      outputInPlace: (k, dims, input) => {
        const v = outputs[k]!;
        const src = input < own ? node.inputs[input] : undefined;
        let n = 1;
        for (const d of dims) n *= d;
        const r = src ? this.donate(src, v, n * 4) : undefined;
        if (!r) return ctx.output(k, dims);
        allocated.push(v);
        written.push([v, Tensor.fromData(DataType.FLOAT, dims, engine.f32(r.ptr, n))]);
        return r.ptr;
      },
      scratch: (bytes) => {
        const p = engine.alloc(bytes);
        this.stepBlocks.push(p);
        return p;
      },
    };
    let ok: boolean;
    try {
      ok = kernel.run(ctx);
    } catch (e) {
      if (!(e instanceof OnnxError && e.code === 'E_TOO_LARGE')) throw e;
      ok = false;
    } finally {
      for (const b of this.stepBlocks) engine.release(b);
      this.stepBlocks = [];
    }
    if (!ok) {
      for (const v of allocated) this.drop(v);
      return undefined;
    }
    if (this.keep) {
      // Kept values must survive the reuse of their blocks: hand out copies.
      return written.map(([v, t]) => [v, Tensor.fromData(t.dtype, t.dims, (t.data() as Float32Array).slice())]);
    }
    return written;
  }

  /** Notes views of wasm memory among a reference kernel's outputs; returns the outputs to store. */
  adopt(i: number, outs: (RtValue | undefined)[]): (RtValue | undefined)[] {
    const node = this.fs.node(i);
    const engine = this.fs.engine;
    return outs.map((x, k) => {
      // Sequences, optionals and maps may hold views of wasm memory that outlive their blocks.
      if (x === undefined || !(x instanceof Tensor)) return x === undefined ? x : detached(x, engine);
      if (!x.isLoaded || x.dtype === DataType.STRING) return x;
      const data = x.data() as Float32Array;
      if (!engine.owns(data)) return x;
      const v = node.outputs[k];
      const root = this.rootAt(data.byteOffset, data.byteLength, node.inputs);
      const expected = root && v && (root.dynamic || !this.arena || this.arenaCovers(root.value, v));
      if (!root || !v || !expected || this.keep) {
        // A view we cannot keep alive (or a kept intermediate): store a copy.
        if (root && v && this.arena && !this.keep) this.dirty = true;
        return Tensor.fromData(x.dtype, x.dims, data.slice());
      }
      root.refs++;
      this.aliasOf.set(v, root);
      this.aliasesSeen.push([v, root.value]);
      return x;
    });
  }

  /** Releases what step i was the last reader of. */
  free(values: readonly Value[]): void {
    for (const v of values) this.drop(v);
  }

  /**
   * Ends the run: graph outputs that live in wasm memory are copied out, everything allocated
   * for the run is released, and a recording run lays out the arena for the next ones.
   */
  finish(graph: Graph, env: Map<Value, RtValue>, completed: boolean): void {
    const engine = this.fs.engine;
    if (completed) {
      this.fs.lastRunFastSteps = this.fastSteps;
      for (const v of graph.outputs) {
        const x = env.get(v);
        if (x instanceof Tensor && x.isLoaded && x.dtype !== DataType.STRING) {
          const d = x.data() as Float32Array;
          if (engine.owns(d)) env.set(v, Tensor.fromData(x.dtype, x.dims, d.slice()));
        }
      }
    }
    for (const r of new Set([...this.resident.values(), ...this.aliasOf.values()])) if (r.dynamic) engine.release(r.ptr);
    this.resident.clear();
    this.aliasOf.clear();
    if (!completed || this.keep || !this.signature) return;
    if (this.arena) {
      if (this.dirty) this.fs.dropArena();
      return;
    }
    // One slot per group of values that shared a block (an output written over its input).
    const rootOf = (v: Value): Value => {
      let r = v;
      for (let d = this.donations.get(r); d; d = this.donations.get(r)) r = d;
      return r;
    };
    const groups = new Map<Value, Lifetime<Value>>();
    const members = new Map<Value, Value>();
    const extend = (root: Value, bytes: number, first: number, last: number) => {
      const g = groups.get(root);
      if (!g) groups.set(root, { key: root, bytes, first, last: Math.max(first, last) });
      else {
        g.bytes = Math.max(g.bytes, bytes);
        g.first = Math.min(g.first, first);
        g.last = Math.max(g.last, last);
      }
    };
    for (const [v, r] of this.recorded) {
      const root = rootOf(v);
      members.set(v, root);
      extend(root, r.bytes, r.first, this.fs.lastUseOf(v));
    }
    for (const [alias, value] of this.aliasesSeen) {
      const g = groups.get(rootOf(value));
      if (g) g.last = Math.max(g.last, this.fs.lastUseOf(alias));
    }
    this.fs.adoptArena(this.signature, [...groups.values()], members, new Map(this.donations));
  }

  /**
   * Hands `src`'s block to `v` when this step is src's last reader and nothing else points into
   * it (an in-place kernel then writes v over src); undefined when it may not.
   */
  private donate(src: Value, v: Value, bytes: number): Resident | undefined {
    if (this.keep) return undefined;
    const r = this.resident.get(src);
    if (!r || r.refs !== 1 || r.bytes !== bytes || this.fs.lastUseOf(src) !== this.step) return undefined;
    // A planned run gives a block only where the recording run did (the arena is laid out so).
    if (this.arena && this.arena.donations.get(v) !== src) return undefined;
    this.resident.delete(src);
    r.value = v;
    this.resident.set(v, r);
    if (!this.arena) {
      this.donations.set(v, src);
      this.recorded.set(v, { bytes, first: this.step });
    }
    return r;
  }

  /** Whether the arena keeps `root`'s block until `alias`'s last reader. */
  private arenaCovers(root: Value, alias: Value): boolean {
    const last = this.arena!.last.get(root);
    return last !== undefined && this.fs.lastUseOf(alias) <= last;
  }

  private ptrOf(v: Value, x: Tensor): number {
    if (x.dtype !== DataType.FLOAT) throw new OnnxError('E_INTERNAL', `fast kernel read a ${x.dtype} tensor as float`);
    const r = this.resident.get(v);
    if (r) return r.ptr;
    const data = x.data() as Float32Array;
    if (this.fs.engine.owns(data)) return data.byteOffset;
    if (this.fs.isConstant(v)) return this.fs.constPtr(x);
    // Copy in: the value stays resident until its last reader.
    const s = this.allocate(v, data.byteLength);
    this.fs.engine.f32(s.ptr, data.length).set(data);
    return s.ptr;
  }

  private allocate(v: Value, bytes: number): Resident {
    const planned = this.arena?.offsets.get(v);
    let r: Resident;
    if (planned !== undefined && this.arena!.sizes.get(v)! >= bytes) {
      r = { ptr: this.arena!.base + planned, bytes, refs: 1, dynamic: false, value: v };
    } else {
      if (this.arena) this.dirty = true;
      r = { ptr: this.fs.engine.alloc(bytes), bytes, refs: 1, dynamic: true, value: v };
    }
    if (!this.arena && !this.recorded.has(v)) this.recorded.set(v, { bytes, first: this.step });
    this.resident.set(v, r);
    return r;
  }

  private drop(v: Value): void {
    const r = this.resident.get(v);
    if (r) {
      this.resident.delete(v);
      this.unref(r);
    }
    const a = this.aliasOf.get(v);
    if (a) {
      this.aliasOf.delete(v);
      this.unref(a);
    }
  }

  private unref(r: Resident): void {
    if (--r.refs === 0 && r.dynamic) this.fs.engine.release(r.ptr);
  }

  /**
   * The resident block holding [ptr, ptr+bytes), if any: first among the blocks of `inputs` (a
   * view a kernel returns is nearly always of one of its inputs), then any. Arena slots are
   * shared by values whose lifetimes do not meet, and a block whose value is dead but not yet
   * dropped (a graph input) may sit at the same address: taking it for the root made every
   * planned run of a 20,000-node graph give up its arena and record again.
   */
  private rootAt(ptr: number, bytes: number, inputs: readonly (Value | undefined)[]): Resident | undefined {
    const holds = (r: Resident | undefined): r is Resident => r !== undefined && ptr >= r.ptr && ptr + bytes <= r.ptr + r.bytes;
    for (const v of inputs) {
      if (!v) continue;
      const r = this.resident.get(v) ?? this.aliasOf.get(v);
      if (holds(r)) return r;
    }
    for (const r of this.resident.values()) if (ptr >= r.ptr && ptr + bytes <= r.ptr + r.bytes) return r;
    for (const r of this.aliasOf.values()) if (ptr >= r.ptr && ptr + bytes <= r.ptr + r.bytes) return r;
    return undefined;
  }
}

/** `x` with every tensor that views wasm memory replaced by a copy (x itself when there is none). */
function detached(x: RtValue, engine: WasmEngine): RtValue {
  if (x instanceof Tensor) {
    if (!x.isLoaded || x.dtype === DataType.STRING) return x;
    const d = x.data() as Float32Array;
    return engine.owns(d) ? Tensor.fromData(x.dtype, x.dims, d.slice()) : x;
  }
  if (x instanceof SequenceValue) {
    const items = x.items.map((i) => detached(i, engine));
    return items.every((i, k) => i === x.items[k]) ? x : new SequenceValue(x.elemType, items);
  }
  if (x instanceof OptionalValue) {
    const v = x.value === undefined ? undefined : detached(x.value, engine);
    return v === x.value ? x : new OptionalValue(x.elemType, v);
  }
  if (x instanceof MapValue) {
    let changed = false;
    const entries = new Map<number | bigint | string, RtValue>();
    for (const [k, v] of x.entries) {
      const d = detached(v, engine);
      changed ||= d !== v;
      entries.set(k, d);
    }
    return changed ? new MapValue(x.keyType, x.valueType, entries) : x;
  }
  return x;
}
