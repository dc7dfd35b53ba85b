/**
 * The fast path of a session: the fast kernel chosen for each step of the main graph, the
 * constants and prepacked weights it keeps in wasm memory, and the activation arena.
 *
 * Memory of a run. Values computed by fast kernels, and values copied in for them (inputs,
 * outputs of reference kernels), live in wasm memory from the step that writes them to their
 * last reader. The first run with given input shapes allocates each from the heap and records
 * sizes and lifetimes; the arena is then laid out once (arena.ts) and later runs with the same
 * shapes place every value at its planned offset, with no allocation at all. A reference
 * kernel may return a view of its input (Reshape, Identity...): such an alias keeps the block it
 * points into alive until its own last reader. Graph outputs are copied out at the end.
 */
import type { Graph } from '../../ir/graph.js';
import { Tensor } from '../../ir/tensor.js';
import type { Value } from '../../ir/value.js';
import type { RtValue } from '../../ops/values.js';
import { OnnxError } from '../../util/errors.js';
import { planArena, type Lifetime } from './arena.js';
import type { WasmEngine } from './engine.js';
import { graphConstants, planFastSteps, type FastStepPlan, type PlanStep } from './fast-plan.js';
import { FastRun } from './fast-run.js';

export interface FastOptions {
  /** Threads for one kernel (the calling one included); default 1. */
  threads?: number;
}

/** Blocks of a session, returned to the heap when the session is collected. */
interface Owned {
  engine: WasmEngine;
  blocks: number[];
}

const collected = new FinalizationRegistry<Owned>((o) => {
  for (const b of o.blocks) o.engine.release(b);
  o.blocks.length = 0;
});

export interface ArenaPlan {
  signature: string;
  offsets: Map<Value, number>;
  sizes: Map<Value, number>;
  /** The last step each value is kept for (its own last reader or an alias's). */
  last: Map<Value, number>;
  /** Outputs written over an input's block (in-place kernels): output -> input. */
  donations: Map<Value, Value>;
  base: number;
}


export class FastSession {
  private readonly plans: FastStepPlan[];
  private readonly owned: Owned;
  private readonly constPtrs = new Map<Tensor, number>();
  private readonly constants: Map<Value, Tensor>;
  /** Step index of each value's last reader (graph outputs: past the end). */
  private readonly lastUse = new Map<Value, number>();
  private arena?: ArenaPlan;
  readonly threads: number;
  /** Steps the last completed run computed with fast kernels (fused ones counted once each). */
  lastRunFastSteps = 0;

  constructor(
    owner: object,
    readonly engine: WasmEngine,
    graph: Graph,
    private readonly steps: readonly PlanStep[],
    opts: FastOptions,
  ) {
    this.threads = Math.max(1, Math.min(opts.threads ?? 1, engine.cores));
    this.owned = { engine, blocks: [] };
    collected.register(owner, this.owned);
    this.constants = graphConstants(graph);
    this.plans = planFastSteps({ graph, steps, engine, keep: (bytes) => this.keep(bytes) });
    steps.forEach((s, i) => {
      for (const v of s.node.inputs) if (v) this.lastUse.set(v, i);
      for (const g of s.node.subgraphs()) for (const n of g.allNodes()) for (const v of n.inputs) if (v) this.lastUse.set(v, i);
    });
    for (const v of graph.outputs) this.lastUse.set(v, steps.length);
  }

  /** Bytes of the current activation arena (0 before a run has laid one out). */
  get arenaBytes(): number {
    return this.arena ? (this.engine.heap.sizeOf(this.arena.base) ?? 0) : 0;
  }

  /** Number of steps with a fast kernel (for reports). */
  get fastSteps(): number {
    return this.plans.filter((p) => p.kernel || p.fused).length;
  }

  /** Whether step i has a fast kernel. */
  hasKernel(i: number): boolean {
    return this.plans[i]?.kernel !== undefined || this.plans[i]?.fused !== undefined;
  }

  keep(bytes: number): number {
    const p = this.engine.alloc(bytes);
    this.owned.blocks.push(p);
    return p;
  }

  /** The wasm copy of a constant tensor (made once). */
  constPtr(t: Tensor): number {
    let p = this.constPtrs.get(t);
    if (p === undefined) {
      const data = t.data() as Float32Array;
      p = this.keep(data.byteLength);
      this.engine.f32(p, data.length).set(data);
      this.constPtrs.set(t, p);
    }
    return p;
  }

  isConstant(v: Value): boolean {
    return this.constants.has(v);
  }

  lastUseOf(v: Value): number {
    return this.lastUse.get(v) ?? -1;
  }

  plan(i: number): FastStepPlan | undefined {
    return this.plans[i];
  }

  node(i: number) {
    return this.steps[i]!.node;
  }

  /** Starts a run with these graph inputs; `keep`: intermediates are kept (no arena reuse, no fusion). */
  beginRun(feeds: ReadonlyMap<Value, RtValue>, keep: boolean): FastRun {
    const signature = [...feeds].map(([v, x]) => `${v.name}:${x instanceof Tensor ? x.dims.join('x') : '-'}`).join(',');
    const arena = !keep && this.arena?.signature === signature ? this.arena : undefined;
    return new FastRun(this, arena, keep ? undefined : signature, keep);
  }

  /** Installs the arena recorded by a run (replacing the previous one). */
  adoptArena(signature: string, lifetimes: Lifetime<Value>[], members: Map<Value, Value>, donations: Map<Value, Value>): void {
    const layout = planArena(lifetimes);
    let base: number;
    try {
      base = this.engine.alloc(Math.max(layout.total, 64));
    } catch (e) {
      if (e instanceof OnnxError && e.code === 'E_TOO_LARGE') return;
      throw e;
    }
    this.dropArena();
    this.owned.blocks.push(base);
    // Values that share a block (in-place outputs) share their group's slot.
    const group = new Map(lifetimes.map((l) => [l.key, l]));
    const offsets = new Map<Value, number>();
    const sizes = new Map<Value, number>();
    const last = new Map<Value, number>();
    for (const [v, root] of members) {
      offsets.set(v, layout.offsets.get(root)!);
      sizes.set(v, group.get(root)!.bytes);
      last.set(v, group.get(root)!.last);
    }
    this.arena = { signature, offsets, sizes, last, donations, base };
  }

  /** Forgets the arena (a run found it did not fit). */
  dropArena(): void {
    if (!this.arena) return;
    const i = this.owned.blocks.indexOf(this.arena.base);
    if (i >= 0) this.owned.blocks.splice(i, 1);
    this.engine.release(this.arena.base);
    this.arena = undefined;
  }
}
