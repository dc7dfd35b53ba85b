/**
 * Finding values and nodes by name for the edits, with errors that suggest the closest names.
 */
import type { Graph } from '../ir/graph.js';
import { describeUses } from '../ir/graph.js';
import type { Model } from '../ir/model.js';
import type { Node } from '../ir/node.js';
import type { Value } from '../ir/value.js';
import { OnnxError, type ErrorDetail } from '../util/errors.js';

/** Every value of the main graph and its subgraphs carrying `name`. */
export function valuesNamed(model: Model, name: string): Value[] {
  const out: Value[] = [];
  if (!name) return out;
  for (const g of model.graph.allGraphs()) for (const v of g.values()) if (v.name === name) out.push(v);
  return out;
}

/** Every node of the main graph and its subgraphs carrying `name`. */
export function nodesNamed(model: Model, name: string): Node[] {
  if (!name) return [];
  return [...model.graph.allNodes()].filter((n) => n.name === name);
}

/** Names of every value and every node, in all graphs (for clash checks). */
export function allNames(model: Model): { values: Set<string>; nodes: Set<string> } {
  const values = new Set<string>();
  const nodes = new Set<string>();
  for (const g of model.graph.allGraphs()) {
    for (const v of g.values()) if (v.name) values.add(v.name);
    for (const n of g.nodes) if (n.name) nodes.add(n.name);
  }
  return { values, nodes };
}

/** The value `name` of graph `g` (inputs, initializers, node outputs); refuses with suggestions. */
export function findValue(g: Graph, name: string, role = 'value'): Value {
  const v = name ? g.findValue(name) : undefined;
  if (v) return v;
  throw notFound(`the model has no ${role} named "${name}"${suggestion(name, [...g.values()].map((x) => x.name))}`, { value: name });
}

/** The one node named `name` in any graph; refuses when there is none or several. */
export function findNode(model: Model, name: string): Node {
  const found = nodesNamed(model, name);
  if (found.length === 1) return found[0]!;
  if (found.length === 0) {
    const names = [...model.graph.allNodes()].map((n) => n.name);
    throw notFound(`the model has no node named "${name}"${suggestion(name, names)}`, { node: name });
  }
  throw notFound(`${found.length} nodes are named "${name}", so the name does not say which one`, { node: name });
}

/** A name that the model does not have: a usage error, like an unknown input name for `run`. */
export function notFound(message: string, detail: ErrorDetail): OnnxError {
  return new OnnxError('E_INVALID_ARG', message, detail);
}

/** `; did you mean "x"?` for the closest candidate, or nothing when none is close. */
export function suggestion(name: string, candidates: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    if (!c || c === name) continue;
    const d = distance(name.toLowerCase(), c.toLowerCase(), bestDistance);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best === undefined ? '' : `; did you mean "${best}"?`;
}

/** Levenshtein distance, giving up (returning `cap`) once it cannot be below `cap`. */
function distance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin >= cap) return cap;
    prev = cur;
  }
  return Math.min(prev[b.length]!, cap);
}

/** `"a" (Relu), "b" (Add)`: the nodes using a value. */
export function consumersOf(v: Value): string {
  return describeUses(v);
}

/** `"name" (OpType)` for messages. */
export function nodeLabel(n: Node): string {
  return `"${n.name || '(unnamed)'}" (${n.opType})`;
}
