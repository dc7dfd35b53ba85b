/** `--prefix P`: prefixes every value and node name (subgraphs included), as onnx.compose.add_prefix does. */
import type { Model } from '../ir/model.js';
import type { Value } from '../ir/value.js';
import { renameValue } from './rename.js';
import { argError, type EditSession } from './session.js';
import type { EditChange, PrefixEdit } from './types.js';

/** Prefixes every name of the model; empty names (omitted inputs, unnamed nodes) stay empty. */
export function prefixNames(model: Model, prefix: string): { values: number; nodes: number } {
  // Collected first: renaming while walking could visit a value twice.
  const values: Value[] = [];
  let nodes = 0;
  for (const g of model.graph.allGraphs()) {
    for (const v of g.values()) if (v.name) values.push(v);
    for (const n of g.nodes) {
      if (!n.name) continue;
      n.name = prefix + n.name;
      nodes++;
    }
  }
  for (const v of values) renameValue(model, v, prefix + v.name);
  return { values: values.length, nodes };
}

export function prefix(s: EditSession, e: PrefixEdit): EditChange {
  if (!e.prefix) throw argError('prefix: the prefix is empty');
  const n = prefixNames(s.model, e.prefix);
  return { op: 'prefix', prefix: e.prefix, ...n, summary: `prefixed ${n.values} value and ${n.nodes} node names with "${e.prefix}"` };
}
