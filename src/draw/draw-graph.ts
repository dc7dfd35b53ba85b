/**
 * The picture's model: what is drawn (boxes, arrows, clusters) with every label already
 * written, independent of the output format. DOT, the layered SVG and the HTML viewer all
 * render this, so they agree on what a node shows; collapsing and the neighbourhood view are
 * transformations of it.
 */
import { AttrType, attrTypeName } from '../ir/attributes.js';
import type { Graph } from '../ir/graph.js';
import type { Model } from '../ir/model.js';
import type { Node } from '../ir/node.js';
import type { Tensor } from '../ir/tensor.js';
import type { ValueType } from '../ir/types.js';
import type { Value } from '../ir/value.js';
import { defaultRegistry } from '../ops/all.js';
import type { OpRegistry } from '../ops/registry.js';
import { attributeText, tensorText, typeText } from './format.js';

/** A named item shown in a node or its details: an input slot, an attribute... */
export interface DrawField {
  /** Schema name of the slot ("W"), or the attribute name. */
  name: string;
  /** Value name, or the formatted attribute value. */
  value: string;
  /** Type text ("float32[16,3,3,3]"), or the attribute kind. */
  type: string;
}

export type DrawNodeKind = 'op' | 'input' | 'output' | 'group';

export interface DrawNode {
  /** Unique and stable: the DOT node id and the SVG element id. */
  id: string;
  kind: DrawNodeKind;
  /** The first line: op type, I/O value name, or scope. */
  title: string;
  /** The second line: node name, I/O type, or what a group holds ('' when hidden). */
  subtitle: string;
  /** What search matches: node name, value name, or scope. */
  name: string;
  opType?: string;
  domain?: string;
  /** Palette key: an op category, or 'input' / 'output' / 'group'. */
  category: string;
  /** Id of the cluster (subgraph body) the node sits in; undefined at top level. */
  cluster?: string;
  /** Initializers folded into the node, drawn inside its box. */
  initializers: DrawField[];
  attributes: DrawField[];
  inputs: DrawField[];
  outputs: DrawField[];
  /** A collapsed group: how many model nodes it stands for. */
  members?: number;
  /** Some neighbours of this node are not drawn (neighbourhood view). */
  truncated?: boolean;
}

export type DrawEdgeKind = 'data' | 'outer' | 'body';

export interface DrawEdge {
  from: string;
  to: string;
  /** Name of the value carried (or of several, for edges between groups). */
  value: string;
  /** Edge label: dtype and shape ('' when unknown or hidden). */
  label: string;
  /** data: within one graph; outer: an outer-scope value used in a body; body: body output to its node. */
  kind: DrawEdgeKind;
}

/** A subgraph body (If branch, Loop/Scan body). */
export interface DrawCluster {
  id: string;
  label: string;
  /** The enclosing cluster, if the holder node is itself inside a body. */
  parent?: string;
  /** Id of the node that holds this body. */
  holder: string;
}

export interface DrawGraph {
  name: string;
  /** In topological order within each graph; a body's nodes come right before their holder. */
  nodes: DrawNode[];
  edges: DrawEdge[];
  clusters: DrawCluster[];
}

export interface DrawGraphOptions {
  registry?: OpRegistry;
  /** Inferred types (inferModel().types); falls back to the types declared in the model. */
  types?: ReadonlyMap<Value, ValueType>;
  hideNames?: boolean;
  hideShapes?: boolean;
  hideInitializers?: boolean;
}

class Builder {
  readonly nodes: DrawNode[] = [];
  readonly edges: DrawEdge[] = [];
  readonly clusters: DrawCluster[] = [];
  /** Which drawn node an edge carrying this value starts from. */
  private readonly source = new Map<Value, string>();
  private readonly edgeKeys = new Set<string>();
  private nodeCount = 0;
  private ioCount = 0;

  constructor(
    readonly model: Model,
    readonly opts: DrawGraphOptions,
    readonly registry: OpRegistry,
  ) {}

  typeOf(v: Value): string {
    return typeText(this.opts.types?.get(v) ?? v.type);
  }

  edge(from: string, to: string, v: Value, kind: DrawEdgeKind): void {
    const key = `${from}>${to}>${v.name}`;
    if (this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    this.edges.push({ from, to, value: v.name, label: this.opts.hideShapes ? '' : this.typeOf(v), kind });
  }

  ioNode(kind: 'input' | 'output', v: Value, cluster: string | undefined): DrawNode {
    const type = this.typeOf(v);
    const node: DrawNode = {
      id: `${kind === 'input' ? 'i' : 'o'}${this.ioCount++}`,
      kind,
      title: v.name,
      subtitle: this.opts.hideShapes ? '' : type,
      name: v.name,
      category: kind,
      ...(cluster ? { cluster } : {}),
      initializers: [],
      attributes: [],
      inputs: kind === 'output' ? [{ name: '', value: v.name, type }] : [],
      outputs: kind === 'input' ? [{ name: '', value: v.name, type }] : [],
    };
    this.nodes.push(node);
    return node;
  }

  /** Draws a graph's inputs, nodes and outputs; returns its output nodes with their values. */
  graph(g: Graph, cluster: string | undefined, isMain: boolean): { id: string; v: Value }[] {
    for (const v of g.inputs) {
      if (isMain && g.initializers.get(v.name) === v) continue;
      this.source.set(v, this.ioNode('input', v, cluster).id);
    }
    for (const n of g.nodes) this.opNode(n, g, cluster);
    return g.outputs.map((v) => {
      const out = this.ioNode('output', v, cluster);
      const from = this.source.get(v);
      if (from) this.edge(from, out.id, v, 'data');
      return { id: out.id, v };
    });
  }

  opNode(n: Node, g: Graph, cluster: string | undefined): void {
    const id = `n${this.nodeCount++}`;
    // Bodies first, so that their nodes precede the holder in the node list (data flows body -> holder).
    const bodyOutputs: { id: string; v: Value }[] = [];
    for (const a of n.attributes.values()) {
      const bodies = a.type === AttrType.GRAPH ? [a.value as Graph] : a.type === AttrType.GRAPHS ? (a.value as Graph[]) : [];
      bodies.forEach((body, k) => {
        const cid = `c${this.clusters.length}`;
        const which = bodies.length > 1 ? `${a.name}[${k}]` : a.name;
        const holder = this.opts.hideNames || !n.name ? n.opType : `${n.opType} "${n.name}"`;
        this.clusters.push({ id: cid, label: `${holder} · ${which}`, ...(cluster ? { parent: cluster } : {}), holder: id });
        bodyOutputs.push(...this.graph(body, cid, false));
      });
    }
    const schema = this.registry.resolve(n.domain, n.opType, this.model.opsetOf(n.domain) ?? 0);
    const slotName = (i: number): string => schema?.inputs[Math.min(i, schema.inputs.length - 1)]?.name ?? `input ${i}`;
    const outName = (i: number): string => schema?.outputs[Math.min(i, schema.outputs.length - 1)]?.name ?? `output ${i}`;
    const initializers: DrawField[] = [];
    const inputs: DrawField[] = [];
    n.inputs.forEach((v, i) => {
      if (!v) return;
      const init = initializerOf(v);
      const type = init ? tensorText(init) : this.typeOf(v);
      inputs.push({ name: slotName(i), value: v.name, type: init ? `${type} (initializer)` : type });
      if (init) {
        if (!this.opts.hideInitializers) initializers.push({ name: slotName(i), value: v.name, type: this.opts.hideShapes ? '' : type });
        return;
      }
      const from = this.source.get(v);
      if (from) this.edge(from, id, v, v.graph === g ? 'data' : 'outer');
    });
    // An op this tool does not know is drawn grey like a custom op.
    const category = schema?.def.category ?? 'custom';
    this.nodes.push({
      id,
      kind: 'op',
      title: n.opType,
      subtitle: this.opts.hideNames ? '' : n.name,
      name: n.name,
      opType: n.opType,
      ...(n.domain ? { domain: n.domain } : {}),
      category,
      ...(cluster ? { cluster } : {}),
      initializers,
      attributes: [...n.attributes.values()].map((a) => ({ name: a.name, value: attributeText(a), type: attrTypeName(a.type) })),
      inputs,
      outputs: n.outputs.map((v, i) => ({ name: outName(i), value: v.name, type: this.typeOf(v) })),
    });
    for (const b of bodyOutputs) this.edge(b.id, id, b.v, 'body');
    for (const v of n.outputs) this.source.set(v, id);
  }
}

/** The tensor of an initializer of this graph or of an enclosing one. */
function initializerOf(v: Value): Tensor | undefined {
  return v.constValue && v.isInitializer() ? v.constValue : undefined;
}

/** Builds the picture model of a model's main graph and all its bodies. */
export function buildDrawGraph(model: Model, opts: DrawGraphOptions = {}): DrawGraph {
  const b = new Builder(model, opts, opts.registry ?? defaultRegistry);
  b.graph(model.graph, undefined, true);
  return { name: model.graph.name, nodes: b.nodes, edges: b.edges, clusters: b.clusters };
}
