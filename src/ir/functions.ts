import type { Attribute } from './attributes.js';
import { cloneGraph } from './clone.js';
import type { Graph } from './graph.js';
import type { FunctionDef, Model } from './model.js';
import type { Node } from './node.js';
import { normalizeDomain } from './node.js';

/** The model-local function a node calls, if any (matched on domain, name and overload). */
export function functionFor(model: Model | undefined, node: Node): FunctionDef | undefined {
  if (!model || model.functions.length === 0) return undefined;
  return model.findFunction(node.domain, node.opType, node.overload);
}

/**
 * The body of `fn` specialized for one call: attribute references (ref_attr_name) take the
 * caller's attribute, else the function's default, else are dropped. The formal inputs and
 * outputs of the returned graph are fresh values; the function itself is not changed.
 */
export function instantiateFunction(fn: FunctionDef, call: Node): Graph {
  const resolveRef = (a: Attribute): Attribute | undefined =>
    call.attributes.get(a.refAttrName!) ?? fn.attributeDefaults.find((d) => d.name === a.refAttrName);
  return cloneGraph(fn.body, { resolveRef }).graph;
}

/** Opset imports in force inside a function body: its own, then the model's for other domains. */
export function functionOpsets(fn: FunctionDef, model: Model): Map<string, number> {
  const m = new Map<string, number>();
  for (const o of model.opsetImports) m.set(normalizeDomain(o.domain), o.version);
  for (const o of fn.opsetImports) m.set(normalizeDomain(o.domain), o.version);
  return m;
}
