/**
 * The reference executor. A Session resolves the kernel of every node (subgraphs and functions
 * included) when it is created, reporting every missing one at once; `run` then executes the
 * nodes in order, freeing each intermediate value after its last use.
 */
import type { Graph } from '../ir/graph.js';
import { functionFor, functionOpsets, instantiateFunction } from '../ir/functions.js';
import type { Model } from '../ir/model.js';
import { normalizeDomain, type Node } from '../ir/node.js';
import { topologicalOrder } from '../ir/graph.js';
import type { Value } from '../ir/value.js';
import { defaultRegistry } from '../ops/all.js';
import type { OpRegistry } from '../ops/registry.js';
import type { KernelFn, OpSchema } from '../ops/types.js';
import type { RtValue } from '../ops/values.js';
import { OnnxError, messageOf } from '../util/errors.js';
import { NodeKernelContext } from './kernel-context.js';
import { checkFeeds } from './feeds.js';
import { mulberry32 } from './random.js';
import { wasmEngine, type SimdVariant } from './wasm/engine.js';
import type { FastRun } from './wasm/fast-run.js';
import { FastSession } from './wasm/fast-session.js';

export interface SessionOptions {
  registry?: OpRegistry;
  /** Seed of the random operators (RandomNormal ... without a seed attribute). */
  seed?: number;
  /**
   * Fast float32 kernels on WebAssembly SIMD where a node allows them (default true); the
   * reference kernels run everywhere else, and everywhere when WebAssembly is unavailable.
   */
  fast?: boolean;
  /** Threads one fast kernel may use, the calling one included (default 1). */
  threads?: number;
  /** 'relaxed': fused multiply-add where the engine supports relaxed SIMD (results may differ in the last bits). */
  simd?: SimdVariant;
}

/** How a session runs: which fast path (if any) and how many threads. */
export interface ExecutionInfo {
  /** 'reference' when no fast kernel is used. */
  engine: 'reference' | SimdVariant;
  threads: number;
  /** Nodes of the main graph with a fast kernel, of all nodes. */
  fastNodes: number;
  nodes: number;
  /** Nodes the last run computed with fast kernels (others declined or have none). */
  lastRunFastNodes: number;
  /** Bytes of the activation arena laid out by the first run (0 until then). */
  arenaBytes: number;
}

export interface RunOptions {
  /** Keep every intermediate value and return it too (for --dump-intermediates). */
  keepIntermediates?: boolean;
  /**
   * Accept inputs whose static dims differ from the declared ones (element types are still
   * checked). For conformance data, which ONNX's own runner feeds unchecked.
   */
  lenientShapes?: boolean;
  /** Called after each node of the main graph (and of subgraphs, with depth > 0). */
  onNode?: (node: Node, ms: number, depth: number) => void;
}

/** How one node is executed. */
interface Step {
  node: Node;
  schema?: OpSchema;
  kernel?: KernelFn;
  /** Set when the node calls a model-local function: its body for this call site. */
  body?: GraphPlan;
  opset: number;
  /** Values whose last use is this step: freed after it runs. */
  frees: Value[];
}

interface GraphPlan {
  graph: Graph;
  steps: Step[];
  opsets: ReadonlyMap<string, number>;
}

/** Values visible while running a graph: its own, then the enclosing graph's. */
export class Env {
  readonly values = new Map<Value, RtValue>();
  constructor(readonly parent?: Env) {}
  get(v: Value): RtValue | undefined {
    for (let e: Env | undefined = this; e; e = e.parent) {
      const x = e.values.get(v);
      if (x !== undefined) return x;
    }
    if (v.constValue) return v.constValue;
    return undefined;
  }
}

export class Session {
  private readonly plans = new Map<Graph, GraphPlan>();
  private readonly missing = new Set<string>();
  /** Functions being planned, innermost last, to refuse recursion. */
  private readonly planning: unknown[] = [];
  readonly random: () => number;
  private fast?: FastSession;

  private constructor(
    readonly model: Model,
    private readonly registry: OpRegistry,
    seed: number,
  ) {
    this.random = mulberry32(seed);
  }

  /** Plans the model; throws E_NO_KERNEL listing every operator without a kernel. */
  static create(model: Model, opts: SessionOptions = {}): Session {
    const s = new Session(model, opts.registry ?? defaultRegistry, opts.seed ?? 0);
    const opsets = new Map(model.opsetImports.map((o) => [normalizeDomain(o.domain), o.version]));
    const main = s.plan(model.graph, opsets);
    if (s.missing.size > 0) {
      const list = [...s.missing].sort();
      throw new OnnxError('E_NO_KERNEL', `no kernel for ${list.length} operator${list.length > 1 ? 's' : ''}: ${list.join(', ')}`, {
        hint: 'these operators are not supported by the embedded executor yet',
      });
    }
    const engine = opts.fast === false ? undefined : wasmEngine(opts.simd);
    if (engine) s.fast = new FastSession(s, engine, model.graph, main.steps, { threads: opts.threads ?? 1 });
    return s;
  }

  /** Which engine runs the main graph's nodes. */
  get execution(): ExecutionInfo {
    const nodes = this.plans.get(this.model.graph)?.steps.length ?? 0;
    if (!this.fast) return { engine: 'reference', threads: 1, fastNodes: 0, nodes, lastRunFastNodes: 0, arenaBytes: 0 };
    const f = this.fast;
    return { engine: f.engine.variant, threads: f.threads, fastNodes: f.fastSteps, nodes, lastRunFastNodes: f.lastRunFastSteps, arenaBytes: f.arenaBytes };
  }

  /** The graph inputs a caller feeds (not initializers). */
  get inputs(): Value[] {
    const g = this.model.graph;
    return g.inputs.filter((v) => !g.initializers.has(v.name));
  }

  get outputs(): readonly Value[] {
    return this.model.graph.outputs;
  }

  private plan(graph: Graph, opsets: ReadonlyMap<string, number>): GraphPlan {
    const existing = this.plans.get(graph);
    if (existing) return existing;
    const order = topologicalOrder(graph);
    const steps: Step[] = order.map((node) => this.step(node, opsets));
    const plan: GraphPlan = { graph, steps, opsets };
    this.plans.set(graph, plan);
    assignFrees(plan);
    for (const st of steps) for (const g of st.node.subgraphs()) this.plan(g, opsets);
    return plan;
  }

  private step(node: Node, opsets: ReadonlyMap<string, number>): Step {
    const domain = normalizeDomain(node.domain);
    const opset = opsets.get(domain) ?? 0;
    const fn = functionFor(this.model, node);
    if (fn) {
      if (this.planning.includes(fn)) {
        throw new OnnxError('E_INVALID_MODEL', `function "${fn.domain}::${fn.name}" calls itself; recursive functions cannot run`, {
          node: node.name,
        });
      }
      this.planning.push(fn);
      const body = instantiateFunction(fn, node);
      const plan = this.plan(body, functionOpsets(fn, this.model));
      this.planning.pop();
      return { node, opset, body: plan, frees: [] };
    }
    const schema = this.registry.resolve(domain, node.opType, opset);
    if (!schema?.kernel) this.missing.add(`${node.qualifiedType}@${opset}`);
    return { node, opset, ...(schema ? { schema } : {}), ...(schema?.kernel ? { kernel: schema.kernel } : {}), frees: [] };
  }

  /**
   * Runs the main graph. `feeds` maps input names to values; returns the graph outputs by name
   * (and every intermediate value with keepIntermediates).
   */
  run(feeds: ReadonlyMap<string, RtValue> | Record<string, RtValue>, opts: RunOptions = {}): Map<string, RtValue> {
    const g = this.model.graph;
    const feedMap = feeds instanceof Map ? feeds : new Map(Object.entries(feeds));
    checkFeeds(g, feedMap, { shapes: !opts.lenientShapes });
    const env = new Env();
    for (const v of g.inputs) {
      const x = feedMap.get(v.name);
      if (x !== undefined) env.values.set(v, x);
    }
    const plan = this.plans.get(g)!;
    const kept = opts.keepIntermediates ? new Map<string, RtValue>() : undefined;
    this.execute(plan, env, opts, 0, kept);
    const out = new Map<string, RtValue>();
    for (const v of g.outputs) {
      const x = env.get(v);
      if (x === undefined) throw new OnnxError('E_KERNEL', `graph output "${v.name}" was not computed`, { value: v.name });
      out.set(v.name, x);
    }
    if (kept) for (const [k, v] of kept) if (!out.has(k)) out.set(k, v);
    return out;
  }

  /** Runs a subgraph (If branch, Loop/Scan body) with its inputs bound, in a scope inside `parent`. */
  runGraph(graph: Graph, inputs: readonly (RtValue | undefined)[], parent: Env, opts: RunOptions, depth: number): RtValue[] {
    const plan = this.plans.get(graph) ?? this.plan(graph, new Map());
    const env = new Env(parent);
    graph.inputs.forEach((v, i) => {
      const x = inputs[i];
      if (x !== undefined) env.values.set(v, x);
    });
    this.execute(plan, env, opts, depth, undefined);
    return graph.outputs.map((v) => {
      const x = env.get(v);
      if (x === undefined) throw new OnnxError('E_KERNEL', `output "${v.name}" of graph "${graph.name}" was not computed`);
      return x;
    });
  }

  private execute(plan: GraphPlan, env: Env, opts: RunOptions, depth: number, kept: Map<string, RtValue> | undefined): void {
    const fast = this.fast && depth === 0 && plan.graph === this.model.graph ? this.fast.beginRun(env.values, kept !== undefined) : undefined;
    let completed = false;
    try {
      this.executeSteps(plan, env, opts, depth, kept, fast);
      completed = true;
    } finally {
      fast?.finish(plan.graph, env.values, completed);
    }
  }

  private executeSteps(plan: GraphPlan, env: Env, opts: RunOptions, depth: number, kept: Map<string, RtValue> | undefined, fast: FastRun | undefined): void {
    for (let i = 0; i < plan.steps.length; i++) {
      const st = plan.steps[i]!;
      const node = st.node;
      if (fast?.skips(i)) {
        // Computed by a fused kernel of an earlier step.
        opts.onNode?.(node, 0, depth);
        for (const v of st.frees) env.values.delete(v);
        fast.free(st.frees);
        continue;
      }
      const inputs = node.inputs.map((v) => {
        if (!v) return undefined;
        const x = env.get(v);
        if (x === undefined) {
          throw new OnnxError('E_KERNEL', `input "${v.name}" of node "${node.name}" (${node.opType}) has no value`, {
            node: node.name,
            opType: node.opType,
            value: v.name,
          });
        }
        return x;
      });
      const t0 = performance.now();
      let outs: (RtValue | undefined)[];
      let written: [Value, RtValue][] | undefined;
      try {
        written = fast?.run(i, inputs, (v) => env.get(v));
        if (written) outs = [];
        else if (st.body) outs = this.runGraph(st.body.graph, inputs, env, opts, depth + 1);
        else {
          const ctx = new NodeKernelContext(this, st.schema!, node, st.opset, inputs, env, opts, depth);
          outs = st.kernel!(ctx);
        }
      } catch (e) {
        throw wrapKernelError(e, node, st.opset);
      }
      opts.onNode?.(node, performance.now() - t0, depth);
      if (!written) {
        if (fast) outs = fast.adopt(i, outs);
        written = [];
        node.outputs.forEach((o, k) => {
          if (o.name && outs[k] !== undefined) written!.push([o, outs[k]!]);
        });
      }
      for (const [o, x] of written) {
        env.values.set(o, x);
        kept?.set(o.name, x);
      }
      if (!kept) for (const v of st.frees) env.values.delete(v);
      fast?.free(st.frees);
    }
  }
}

function wrapKernelError(e: unknown, node: Node, opset: number): OnnxError {
  const where = `node "${node.name}" (${node.qualifiedType}@${opset})`;
  if (e instanceof OnnxError) {
    if (e.detail.node) return e;
    return new OnnxError(e.code === 'E_INTERNAL' ? 'E_KERNEL' : e.code, `${e.message} [${where}]`, {
      ...e.detail,
      node: node.name,
      opType: node.opType,
    });
  }
  return new OnnxError('E_KERNEL', `kernel failed: ${messageOf(e)} [${where}]`, { node: node.name, opType: node.opType, cause: e });
}

/** Marks, for each step, the values of this graph whose last reader it is. */
function assignFrees(plan: GraphPlan): void {
  const last = new Map<Value, number>();
  const outputs = new Set(plan.graph.outputs);
  plan.steps.forEach((st, i) => {
    for (const v of st.node.inputs) if (v) last.set(v, i);
    for (const g of st.node.subgraphs()) for (const inner of g.allNodes()) for (const v of inner.inputs) if (v) last.set(v, i);
  });
  for (const [v, i] of last) {
    if (outputs.has(v) || !v.producer || v.producer.graph !== plan.graph) continue;
    plan.steps[i]!.frees.push(v);
  }
}
