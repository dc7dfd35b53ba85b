import { AttrType, attrNumber, attrNumbers, type AttrInit, type Attribute } from './attributes.js';
import { Graph } from './graph.js';
import { SparseTensor } from './sparse.js';
import { Tensor } from './tensor.js';
import { Value, type StringPairs } from './value.js';
import { OnnxError } from '../util/errors.js';

export interface NodeInit {
  opType: string;
  domain?: string;
  name?: string;
  overload?: string;
  /** undefined entries are omitted optional inputs (written as ""). */
  inputs?: readonly (Value | undefined)[];
  /** Names of the outputs to create, or a count (names left empty for the graph to fill). */
  outputs?: readonly string[] | number;
  attributes?: Record<string, Attribute | AttrInit> | readonly Attribute[];
  docString?: string;
}

/** A node. Its outputs are created and owned by it; inputs are registered as uses at once. */
export class Node {
  readonly opType: string;
  /** '' for the default ai.onnx domain ('ai.onnx' is normalized to ''). */
  readonly domain: string;
  name: string;
  /** The domain as spelled in the file when it differs from `domain` ('ai.onnx'); for round trips. */
  fileDomain?: string;
  overload?: string;
  docString?: string;
  metadataProps?: StringPairs;
  /** NodeDeviceConfigurationProto entries, kept as plain data. */
  deviceConfigurations?: unknown[];
  /**
   * Attributes by name, created with the first one (most nodes of some models have none); changed
   * only through setAttribute/adoptAttribute/deleteAttribute, which keep `_hasGraphs`.
   */
  private _attributes?: Map<string, Attribute>;
  /** Whether an attribute held a graph at some point: subgraphs() looks no further when not. */
  private _hasGraphs = false;
  readonly outputs: readonly Value[];
  // Arrays here are made at their final size where possible: a push onto an empty array reserves
  // 17 slots, and graphs hold tens of thousands of nodes and values.
  private _inputs: (Value | undefined)[] = [];
  /** @internal set by Graph */
  _graph?: Graph;
  /**
   * Scratch stamp for one walk over a graph (see nextVisit in graph.ts): "seen in this walk" as a
   * field compare, where a Set of tens of thousands of nodes costs a hash per lookup.
   */
  _visit = 0;

  constructor(init: NodeInit) {
    this.opType = init.opType;
    this.domain = normalizeDomain(init.domain ?? '');
    this.name = init.name ?? '';
    if (init.overload) this.overload = init.overload;
    if (init.docString) this.docString = init.docString;
    // Plain loops: loaders build tens of thousands of nodes, and each closure is an allocation.
    const outs = init.outputs ?? [''];
    const count = typeof outs === 'number' ? outs : outs.length;
    const outputs = new Array<Value>(count);
    for (let i = 0; i < count; i++) {
      const v = new Value(typeof outs === 'number' ? '' : outs[i]!);
      v._producer = this;
      v._outputIndex = i;
      outputs[i] = v;
    }
    this.outputs = outputs;
    if (init.inputs) this.setInputs(init.inputs);
    const attrs = init.attributes;
    if (Array.isArray(attrs)) for (const a of attrs as Attribute[]) this.adoptAttribute(a);
    else if (attrs) for (const [k, v] of Object.entries(attrs)) this.setAttribute(k, v as Attribute | AttrInit);
  }

  get graph(): Graph | undefined {
    return this._graph;
  }

  get attributes(): ReadonlyMap<string, Attribute> {
    return this._attributes ?? NO_ATTRIBUTES;
  }

  get inputs(): readonly (Value | undefined)[] {
    return this._inputs;
  }

  /** "Conv" or "com.microsoft::FusedConv": the op's qualified name. */
  get qualifiedType(): string {
    return this.domain ? `${this.domain}::${this.opType}` : this.opType;
  }

  /** Replaces input `index` and updates both values' use-lists. */
  replaceInput(index: number, value: Value | undefined): void {
    if (index < 0 || index >= this._inputs.length) {
      throw new OnnxError('E_GRAPH', `node "${this.name}" has no input ${index}`, { node: this.name });
    }
    const old = this._inputs[index];
    if (old === value) return;
    if (old) removeUse(old, this, index);
    this._inputs[index] = value;
    if (value) addUse(value, this, index);
  }

  appendInput(value: Value | undefined): void {
    const index = this._inputs.length;
    this._inputs.push(value);
    if (value) addUse(value, this, index);
  }

  /** Sets every input of a node that has none yet (loaders): the array is copied at its size. */
  setInputs(values: readonly (Value | undefined)[]): void {
    if (this._inputs.length) throw new OnnxError('E_GRAPH', `node "${this.name}" already has inputs`, { node: this.name });
    this._inputs = values.slice();
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v) addUse(v, this, i);
    }
  }

  /** Removes trailing inputs from `count` on, unregistering their uses. */
  truncateInputs(count: number): void {
    for (let i = this._inputs.length - 1; i >= count; i--) {
      const v = this._inputs[i];
      if (v) removeUse(v, this, i);
      this._inputs.pop();
    }
  }

  /** Unregisters every input use (used by Graph.remove). */
  detachInputs(): void {
    for (let i = 0; i < this._inputs.length; i++) {
      const v = this._inputs[i];
      if (v) removeUse(v, this, i);
    }
  }

  /** Re-registers input uses after detachInputs (used to undo a failed edit). */
  reattachInputs(): void {
    for (let i = 0; i < this._inputs.length; i++) {
      const v = this._inputs[i];
      if (v && !v._uses.some((u) => u.node === this && u.index === i)) addUse(v, this, i);
    }
  }

  attr(name: string): Attribute | undefined {
    return this._attributes?.get(name);
  }

  setAttribute(name: string, value: Attribute | AttrInit): void {
    const a = isAttribute(value) ? { ...value, name } : makeAttribute(name, value);
    (this._attributes ??= new Map()).set(name, a);
    this.adoptSubgraphs(a);
  }

  /** Takes a freshly decoded attribute as it is (setAttribute copies): for loaders, which own it. */
  adoptAttribute(a: Attribute): void {
    (this._attributes ??= new Map()).set(a.name, a);
    this.adoptSubgraphs(a);
  }

  deleteAttribute(name: string): boolean {
    return this._attributes?.delete(name) ?? false;
  }

  /** Graphs held by attributes (If branches, Loop/Scan bodies), in attribute order. */
  subgraphs(): readonly Graph[] {
    if (!this._hasGraphs || !this._attributes) return NO_GRAPHS;
    let out: Graph[] | undefined;
    for (const a of this._attributes.values()) {
      if (a.type === AttrType.GRAPH && a.value instanceof Graph) (out ??= []).push(a.value);
      else if (a.type === AttrType.GRAPHS && Array.isArray(a.value)) for (const g of a.value as Graph[]) (out ??= []).push(g);
    }
    return out ?? NO_GRAPHS;
  }

  private adoptSubgraphs(a: Attribute): void {
    if (a.type === AttrType.GRAPH && a.value instanceof Graph) {
      a.value.parentNode = this;
      this._hasGraphs = true;
    } else if (a.type === AttrType.GRAPHS && Array.isArray(a.value)) {
      for (const g of a.value as Graph[]) g.parentNode = this;
      this._hasGraphs = true;
    }
  }

  toString(): string {
    return `Node("${this.name}", ${this.qualifiedType})`;
  }
}

/** What subgraphs() returns for the (many) nodes without any: shared, so walks allocate nothing. */
const NO_GRAPHS: readonly Graph[] = Object.freeze([]);

export function normalizeDomain(domain: string): string {
  return domain === 'ai.onnx' ? '' : domain;
}

const NO_ATTRIBUTES: ReadonlyMap<string, Attribute> = new Map();

/** Records a use; the first one gets an array of its own size (see the note on Node._inputs). */
function addUse(v: Value, node: Node, index: number): void {
  if (v._uses.length === 0) v._uses = [{ node, index }];
  else v._uses.push({ node, index });
}

function removeUse(v: Value, node: Node, index: number): void {
  const i = v._uses.findIndex((u) => u.node === node && u.index === index);
  if (i >= 0) v._uses.splice(i, 1);
}

function isAttribute(v: unknown): v is Attribute {
  return typeof v === 'object' && v !== null && 'type' in v && 'name' in v && 'value' in v && !(v instanceof Tensor);
}

/**
 * Builds an attribute from a plain value. Integers become INT, other numbers FLOAT; use
 * `floatAttr` for a float that happens to be integral.
 */
export function makeAttribute(name: string, v: AttrInit): Attribute {
  if (typeof v === 'boolean') return { name, type: AttrType.INT, value: v ? 1 : 0 };
  if (typeof v === 'number') return { name, type: Number.isInteger(v) ? AttrType.INT : AttrType.FLOAT, value: v };
  if (typeof v === 'bigint') return { name, type: AttrType.INT, value: v };
  if (typeof v === 'string') return { name, type: AttrType.STRING, value: v };
  if (v instanceof Tensor) return { name, type: AttrType.TENSOR, value: v };
  if (v instanceof Graph) return { name, type: AttrType.GRAPH, value: v };
  if (v instanceof SparseTensor) return { name, type: AttrType.SPARSE_TENSOR, value: v };
  if (Array.isArray(v)) {
    const first = v[0];
    if (first === undefined) return { name, type: AttrType.INTS, value: [] };
    if (typeof first === 'number')
      return { name, type: (v as number[]).every(Number.isInteger) ? AttrType.INTS : AttrType.FLOATS, value: v };
    if (typeof first === 'bigint') return { name, type: AttrType.INTS, value: v };
    if (typeof first === 'string') return { name, type: AttrType.STRINGS, value: v };
    if (first instanceof Tensor) return { name, type: AttrType.TENSORS, value: v };
    if (first instanceof Graph) return { name, type: AttrType.GRAPHS, value: v };
    if (first instanceof SparseTensor) return { name, type: AttrType.SPARSE_TENSORS, value: v };
    return { name, type: AttrType.TYPE_PROTOS, value: v };
  }
  return { name, type: AttrType.TYPE_PROTO, value: v };
}

export function floatAttr(name: string, v: number): Attribute {
  return { name, type: AttrType.FLOAT, value: v };
}

export function floatsAttr(name: string, v: number[]): Attribute {
  return { name, type: AttrType.FLOATS, value: v };
}

export { attrNumber, attrNumbers };
