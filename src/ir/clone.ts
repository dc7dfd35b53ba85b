/**
 * Deep copies of graphs. Values defined inside the copied graph get new Value objects; values
 * from enclosing scopes are mapped through `outer` (or shared when not mapped).
 */
import type { Attribute } from './attributes.js';
import { AttrType } from './attributes.js';
import { Graph } from './graph.js';
import { Node } from './node.js';
import { Value } from './value.js';

export interface CloneOptions {
  /** Replacements for values of enclosing scopes (and for the graph's own inputs, if given). */
  outer?: Map<Value, Value>;
  /**
   * Resolves an attribute that refers to a function attribute (refAttrName): returns the
   * attribute to use instead, or undefined to drop it.
   */
  resolveRef?: (a: Attribute) => Attribute | undefined;
}

function copyValue(v: Value): Value {
  const c = new Value(v.name, v.type);
  if (v.constValue) c.constValue = v.constValue;
  if (v.sparseValue) c.sparseValue = v.sparseValue;
  if (v.docString !== undefined) c.docString = v.docString;
  if (v.metadataProps) c.metadataProps = v.metadataProps.map(([k, x]) => [k, x]);
  return c;
}

function cloneAttr(a: Attribute, map: Map<Value, Value>, opts: CloneOptions): Attribute | undefined {
  if (a.refAttrName !== undefined && opts.resolveRef) {
    const r = opts.resolveRef(a);
    return r ? { ...r, name: a.name } : undefined;
  }
  if (a.type === AttrType.GRAPH && a.value instanceof Graph) return { ...a, value: cloneInto(a.value, map, opts) };
  if (a.type === AttrType.GRAPHS && Array.isArray(a.value)) {
    return { ...a, value: (a.value as Graph[]).map((g) => cloneInto(g, map, opts)) };
  }
  return { ...a };
}

function cloneInto(g: Graph, map: Map<Value, Value>, opts: CloneOptions): Graph {
  const out = new Graph(g.name);
  if (g.docString !== undefined) out.docString = g.docString;
  if (g.metadataProps) out.metadataProps = g.metadataProps.map(([k, v]) => [k, v]);
  if (g.quantizationAnnotations) out.quantizationAnnotations = structuredClone(g.quantizationAnnotations);
  for (const v of g.inputs) {
    const c = map.get(v) ?? copyValue(v);
    map.set(v, c);
    out.addInput(c);
  }
  for (const v of g.initializers.values()) {
    const c = map.get(v) ?? copyValue(v);
    map.set(v, c);
    out.addInitializer(c);
  }
  for (const v of g.sparseInitializers) {
    const c = copyValue(v);
    map.set(v, c);
    out.addSparseInitializer(c);
  }
  const get = (v: Value | undefined) => (v ? (map.get(v) ?? v) : undefined);
  for (const n of g.nodes) {
    const attrs: Attribute[] = [];
    for (const a of n.attributes.values()) {
      const c = cloneAttr(a, map, opts);
      if (c) attrs.push(c);
    }
    const c = new Node({
      opType: n.opType,
      domain: n.domain,
      name: n.name,
      inputs: n.inputs.map(get),
      outputs: n.outputs.map((o) => o.name),
      attributes: attrs,
      ...(n.overload !== undefined ? { overload: n.overload } : {}),
      ...(n.docString !== undefined ? { docString: n.docString } : {}),
    });
    if (n.fileDomain) c.fileDomain = n.fileDomain;
    if (n.metadataProps) c.metadataProps = n.metadataProps.map(([k, v]) => [k, v]);
    if (n.deviceConfigurations) c.deviceConfigurations = n.deviceConfigurations;
    n.outputs.forEach((o, i) => {
      const co = c.outputs[i]!;
      if (o.type) co.type = o.type;
      if (o.docString !== undefined) co.docString = o.docString;
      map.set(o, co);
    });
    out.append(c);
  }
  for (const v of g.outputs) out.addOutput(map.get(v) ?? v);
  out.valueInfoOrder = g.valueInfoOrder.map((v) => map.get(v) ?? copyValue(v));
  return out;
}

/** A deep copy of `g`. Returns the copy and the map from original values to their copies. */
export function cloneGraph(g: Graph, opts: CloneOptions = {}): { graph: Graph; map: Map<Value, Value> } {
  const map = new Map(opts.outer ?? []);
  const graph = cloneInto(g, map, opts);
  return { graph, map };
}
