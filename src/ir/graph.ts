import type { Node } from './node.js';
import { Value, type StringPairs } from './value.js';
import { OnnxError } from '../util/errors.js';

/** A quantization annotation (TensorAnnotation), kept as data. */
export interface TensorAnnotation {
  tensorName: string;
  quantParameterTensorNames: StringPairs;
}

/**
 * A graph: nodes in order, inputs, outputs, initializers. Subgraphs (If/Loop/Scan bodies) are
 * Graphs whose `parentNode` is the node holding them; their nodes may use values of enclosing
 * graphs directly (those values' use-lists include the inner nodes).
 *
 * Invariants kept by the methods below:
 * - every node in `nodes` has `graph === this`, and its outputs' producer is that node;
 * - inputs and initializers are owned by this graph (`value.graph === this`) and have no producer;
 * - `remove` never leaves a value used by a node that is no longer in a graph.
 */
export class Graph implements Iterable<Node> {
  name = '';
  docString?: string;
  metadataProps?: StringPairs;
  quantizationAnnotations?: TensorAnnotation[];
  /** The node whose attribute holds this graph; undefined for a main graph or function body. */
  parentNode?: Node;
  /**
   * Values that had a `value_info` entry in the file, in file order (the type is on the Value).
   * Saving writes these first, then any other typed intermediate value.
   */
  valueInfoOrder: Value[] = [];

  private readonly _nodes: Node[] = [];
  private readonly _inputs: Value[] = [];
  private readonly _outputs: Value[] = [];
  private readonly _initializers = new Map<string, Value>();
  private readonly _sparseInitializers: Value[] = [];

  constructor(name = '') {
    this.name = name;
  }

  get nodes(): readonly Node[] {
    return this._nodes;
  }

  get inputs(): readonly Value[] {
    return this._inputs;
  }

  get outputs(): readonly Value[] {
    return this._outputs;
  }

  /** Initializers by name, in file order. */
  get initializers(): ReadonlyMap<string, Value> {
    return this._initializers;
  }

  get sparseInitializers(): readonly Value[] {
    return this._sparseInitializers;
  }

  /** The graph enclosing this one (through parentNode), if any. */
  get parentGraph(): Graph | undefined {
    return this.parentNode?.graph;
  }

  get size(): number {
    return this._nodes.length;
  }

  /** Iterates over a snapshot: removing nodes while iterating is safe. */
  [Symbol.iterator](): Iterator<Node> {
    return [...this._nodes][Symbol.iterator]();
  }

  // ---- inputs, outputs, initializers -------------------------------------------------------

  addInput(v: Value, index = this._inputs.length): void {
    this.adopt(v, 'input');
    this._inputs.splice(index, 0, v);
  }

  /** Removes a graph input. Refused while nodes use it, unless it is also an initializer. */
  removeInput(v: Value): void {
    const i = this._inputs.indexOf(v);
    if (i < 0) throw new OnnxError('E_GRAPH', `"${v.name}" is not an input of graph "${this.name}"`, { value: v.name });
    if (v._uses.length > 0 && !this._initializers.has(v.name)) {
      throw new OnnxError('E_GRAPH', `input "${v.name}" is still used by ${describeUses(v)}`, { value: v.name });
    }
    this._inputs.splice(i, 1);
    if (!this._initializers.has(v.name) || this._initializers.get(v.name) !== v) v._owner = undefined;
  }

  addOutput(v: Value, index = this._outputs.length): void {
    this._outputs.splice(index, 0, v);
  }

  removeOutput(v: Value): void {
    const i = this._outputs.indexOf(v);
    if (i < 0) throw new OnnxError('E_GRAPH', `"${v.name}" is not an output of graph "${this.name}"`, { value: v.name });
    this._outputs.splice(i, 1);
  }

  /** Replaces every occurrence of `old` among the graph outputs with `replacement`. */
  replaceOutput(old: Value, replacement: Value): void {
    for (let i = 0; i < this._outputs.length; i++) if (this._outputs[i] === old) this._outputs[i] = replacement;
  }

  /** Registers an initializer (a value with constValue). Its name must be unique among initializers. */
  addInitializer(v: Value): void {
    if (!v.name) throw new OnnxError('E_GRAPH', 'an initializer needs a name');
    if (!v.constValue) throw new OnnxError('E_GRAPH', `initializer "${v.name}" has no tensor`, { value: v.name });
    if (v._producer) throw new OnnxError('E_GRAPH', `initializer "${v.name}" is produced by a node`, { value: v.name });
    if (this._initializers.has(v.name)) {
      throw new OnnxError('E_GRAPH', `graph "${this.name}" already has an initializer "${v.name}"`, { value: v.name });
    }
    this.adopt(v, 'initializer');
    this._initializers.set(v.name, v);
  }

  /** Removes an initializer; refused while nodes use it unless it is also a graph input. */
  removeInitializer(v: Value): void {
    if (this._initializers.get(v.name) !== v) {
      throw new OnnxError('E_GRAPH', `"${v.name}" is not an initializer of graph "${this.name}"`, { value: v.name });
    }
    const alsoInput = this._inputs.includes(v);
    if (v._uses.length > 0 && !alsoInput) {
      throw new OnnxError('E_GRAPH', `initializer "${v.name}" is still used by ${describeUses(v)}`, { value: v.name });
    }
    this._initializers.delete(v.name);
    if (!alsoInput) v._owner = undefined;
  }

  /**
   * Renames an initializer, keeping its place in the initializer order. Value names are
   * otherwise free to change; only the initializer map is keyed by name.
   */
  renameValue(v: Value, newName: string): void {
    if (this._initializers.get(v.name) === v) {
      const entries = [...this._initializers];
      this._initializers.clear();
      for (const [k, iv] of entries) this._initializers.set(k === v.name ? newName : k, iv);
    }
    v.name = newName;
  }

  addSparseInitializer(v: Value): void {
    if (!v.sparseValue) throw new OnnxError('E_GRAPH', `sparse initializer "${v.name}" has no tensor`, { value: v.name });
    this.adopt(v, 'initializer');
    this._sparseInitializers.push(v);
  }

  private adopt(v: Value, role: string): void {
    if (v._producer) {
      throw new OnnxError('E_GRAPH', `"${v.name}" is produced by a node and cannot be a graph ${role}`, { value: v.name });
    }
    if (v._owner && v._owner !== this) {
      throw new OnnxError('E_GRAPH', `"${v.name}" already belongs to graph "${v._owner.name}"`, { value: v.name });
    }
    v._owner = this;
  }

  // ---- nodes --------------------------------------------------------------------------------

  append(...nodes: Node[]): void {
    this.appendAll(nodes);
  }

  /** Appends many nodes (no argument spreading: graphs can have more nodes than a call takes arguments). */
  appendAll(nodes: readonly Node[]): void {
    for (let i = 0; i < nodes.length; i++) this.take(nodes[i]!);
    for (let i = 0; i < nodes.length; i++) this._nodes.push(nodes[i]!);
  }

  insertBefore(ref: Node, ...nodes: Node[]): void {
    const i = this.indexOf(ref);
    for (const n of nodes) this.take(n);
    this._nodes.splice(i, 0, ...nodes);
  }

  insertAfter(ref: Node, ...nodes: Node[]): void {
    const i = this.indexOf(ref);
    for (const n of nodes) this.take(n);
    this._nodes.splice(i + 1, 0, ...nodes);
  }

  indexOf(node: Node): number {
    const i = this._nodes.indexOf(node);
    if (i < 0) throw new OnnxError('E_GRAPH', `node "${node.name}" is not in graph "${this.name}"`, { node: node.name });
    return i;
  }

  private take(n: Node): void {
    if (n._graph && n._graph !== this) {
      throw new OnnxError('E_GRAPH', `node "${n.name}" already belongs to graph "${n._graph.name}"`, { node: n.name });
    }
    if (n._graph === this && this._nodes.includes(n)) {
      throw new OnnxError('E_GRAPH', `node "${n.name}" is already in graph "${this.name}"`, { node: n.name });
    }
    n._graph = this;
  }

  /**
   * Removes nodes. Two-phase: everything is validated first, and on error the graph is unchanged.
   * With `safe` (the default), an output of a removed node must not be used by a node that stays,
   * nor be a graph output.
   */
  remove(nodes: Node | Iterable<Node>, opts: { safe?: boolean } = {}): void {
    const set = new Set(nodes instanceof Object && Symbol.iterator in nodes ? (nodes as Iterable<Node>) : [nodes as Node]);
    for (const n of set) this.indexOf(n);
    if (opts.safe !== false) {
      for (const n of set) {
        for (const out of n.outputs) {
          if (this._outputs.includes(out)) {
            throw new OnnxError('E_GRAPH', `cannot remove node "${n.name}": its output "${out.name}" is a graph output`, {
              node: n.name,
            });
          }
          const outside = out._uses.filter((u) => !isWithin(u.node, set));
          if (outside.length > 0) {
            throw new OnnxError(
              'E_GRAPH',
              `cannot remove node "${n.name}": its output "${out.name}" is used by ${describeNodes(outside.map((u) => u.node))}`,
              { node: n.name },
            );
          }
        }
      }
    }
    for (const n of set) {
      detachDeep(n);
      n._graph = undefined;
    }
    const keep = this._nodes.filter((n) => !set.has(n));
    this._nodes.length = 0;
    for (const n of keep) this._nodes.push(n);
  }

  /** Reorders nodes so that every node comes after the producers of its inputs. Throws E_CYCLE. */
  sortTopologically(): void {
    const order = topologicalOrder(this);
    this._nodes.length = 0;
    for (const n of order) this._nodes.push(n);
  }

  findNode(name: string): Node | undefined {
    return this._nodes.find((n) => n.name === name);
  }

  /** Finds a value by name among inputs, initializers and node outputs of this graph only. */
  findValue(name: string): Value | undefined {
    for (const v of this._inputs) if (v.name === name) return v;
    const init = this._initializers.get(name);
    if (init) return init;
    for (const n of this._nodes) for (const o of n.outputs) if (o.name === name) return o;
    for (const v of this._sparseInitializers) if (v.name === name) return v;
    return undefined;
  }

  // values(), allGraphs() and allNodes() build arrays: checks walk them over tens of thousands of
  // nodes, where generators (yield* chains) cost several times a loop.

  /** Every value defined in this graph: inputs, initializers, node outputs (not in subgraphs). */
  values(): Value[] {
    // Inputs and initializers may be the same value; node outputs are always distinct from them.
    const out = [...this._inputs];
    const inputs = this._inputs;
    for (const v of this._initializers.values()) if (!inputs.includes(v)) out.push(v);
    for (const v of this._sparseInitializers) if (!inputs.includes(v)) out.push(v);
    const nodes = this._nodes;
    for (let i = 0; i < nodes.length; i++) {
      const outputs = nodes[i]!.outputs;
      for (let k = 0; k < outputs.length; k++) out.push(outputs[k]!);
    }
    return out;
  }

  /** This graph and every subgraph inside it, depth first. */
  allGraphs(): Graph[] {
    const out: Graph[] = [];
    this.collectGraphs(out);
    return out;
  }

  private collectGraphs(out: Graph[]): void {
    out.push(this);
    const nodes = this._nodes;
    for (let i = 0; i < nodes.length; i++) {
      const subs = nodes[i]!.subgraphs();
      for (let i = 0; i < subs.length; i++) subs[i]!.collectGraphs(out);
    }
  }

  /** Every node of this graph and of its subgraphs. */
  allNodes(): Node[] {
    const out: Node[] = [];
    for (const g of this.allGraphs()) {
      const nodes = g._nodes;
      for (let i = 0; i < nodes.length; i++) out.push(nodes[i]!);
    }
    return out;
  }

  /** How many nodes allNodes() yields, without yielding them one by one. */
  countAllNodes(): number {
    let n = 0;
    for (const g of this.allGraphs()) n += g._nodes.length;
    return n;
  }
}

/** Whether node `n` is in `set` or nested in a subgraph of a node in `set`. */
function isWithin(n: Node, set: ReadonlySet<Node>): boolean {
  for (let cur: Node | undefined = n; cur; cur = cur.graph?.parentNode) if (set.has(cur)) return true;
  return false;
}

/** Detaches the input uses of a node and of every node in its subgraphs. */
function detachDeep(n: Node): void {
  n.detachInputs();
  for (const g of n.subgraphs()) for (const inner of g.nodes) detachDeep(inner);
}

function describeNodes(nodes: readonly Node[]): string {
  const names = [...new Set(nodes)].map((n) => `"${n.name || '(unnamed)'}" (${n.opType})`);
  return names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
}

export function describeUses(v: Value): string {
  return describeNodes(v._uses.map((u) => u.node));
}

/**
 * Kahn's algorithm, stable: among ready nodes, the earliest in current order goes first.
 * Uses inside subgraphs count as uses by the node that holds the subgraph.
 */
export function topologicalOrder(g: Graph): Node[] {
  if (isTopologicallySorted(g)) return g.nodes.slice();
  const nodes = g.nodes;
  const index = new Map<Node, number>();
  nodes.forEach((n, i) => index.set(n, i));
  const pending = new Array<number>(nodes.length).fill(0);
  const dependents: number[][] = nodes.map(() => []);
  nodes.forEach((n, i) => {
    const deps = new Set<number>();
    for (const v of nodeInputsDeep(n)) {
      const p = v.producer;
      if (!p) continue;
      // A producer in an enclosing graph is outside this ordering; find the ancestor in g.
      let owner: Node | undefined = p;
      while (owner && owner.graph !== g) owner = owner.graph?.parentNode;
      const j = owner ? index.get(owner) : undefined;
      if (j !== undefined && j !== i) deps.add(j);
    }
    pending[i] = deps.size;
    for (const j of deps) dependents[j]!.push(i);
  });
  const ready: number[] = [];
  pending.forEach((c, i) => c === 0 && ready.push(i));
  const order: Node[] = [];
  // A binary heap would be O(n log n); ready lists stay short in practice, and insertion keeps order stable.
  while (ready.length > 0) {
    const i = ready.shift()!;
    order.push(nodes[i]!);
    for (const d of dependents[i]!) {
      if (--pending[d]! === 0) insertSorted(ready, d);
    }
  }
  if (order.length !== nodes.length) {
    const stuck = nodes.find((_, i) => pending[i]! > 0)!;
    throw new OnnxError('E_CYCLE', `graph "${g.name}" has a cycle through node "${stuck.name}" (${stuck.opType})`, {
      node: stuck.name,
    });
  }
  return order;
}

/**
 * Whether every node comes after the producers of its inputs (the usual case, checked in one
 * pass). Outer-scope values read inside subgraphs are not considered here; Kahn's algorithm is.
 */
let visitCounter = 0;

/** A stamp no node carries yet, for a walk that marks nodes in Node._visit. */
export function nextVisit(): number {
  return ++visitCounter;
}

export function isTopologicallySorted(g: Graph): boolean {
  const seen = nextVisit();
  const nodes = g.nodes;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    const inputs = n.inputs;
    for (let k = 0; k < inputs.length; k++) {
      const p = inputs[k]?.producer;
      if (p && p._visit !== seen && p.graph === g) return false;
    }
    if (n.subgraphs().length > 0) return false;
    n._visit = seen;
  }
  return true;
}

function insertSorted(a: number[], x: number): void {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  a.splice(lo, 0, x);
}

/** Inputs of a node and every outer-scope value used inside its subgraphs. */
export function* nodeInputsDeep(n: Node): Generator<Value> {
  for (const v of n.inputs) if (v) yield v;
  for (const g of n.subgraphs()) {
    for (const inner of g.allNodes()) {
      for (const v of inner.inputs) {
        if (v && !isDefinedWithin(v, g)) yield v;
      }
    }
  }
}

/** Whether value `v` is defined in graph `g` or one of its subgraphs. */
function isDefinedWithin(v: Value, g: Graph): boolean {
  for (let cur: Graph | undefined = v.graph; cur; cur = cur.parentGraph) if (cur === g) return true;
  return false;
}
