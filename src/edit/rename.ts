/** `--rename OLD=NEW`: renames a value (everywhere it is referred to) and/or a node. */
import type { Model } from '../ir/model.js';
import type { Value } from '../ir/value.js';
import { allNames, nodesNamed, notFound, suggestion, valuesNamed } from './lookup.js';
import { argError, editError, type EditSession } from './session.js';
import type { EditChange, RenameEdit } from './types.js';

/**
 * Gives `v` a new name. Nodes refer to Value objects, so their inputs (in subgraphs too) follow
 * at once; only name-keyed tables need updating: the initializer map, quantization annotations
 * and training bindings.
 */
export function renameValue(model: Model, v: Value, to: string): void {
  const from = v.name;
  const g = v.graph;
  const wasInitializer = v.isInitializer();
  if (g) g.renameValue(v, to);
  else v.name = to;
  if (v.constValue) v.constValue.name = to;
  if (!g) return;
  for (const q of g.quantizationAnnotations ?? []) {
    if (q.tensorName === from) q.tensorName = to;
    q.quantParameterTensorNames = q.quantParameterTensorNames.map(([k, n]) => [k, n === from ? to : n]);
  }
  if (wasInitializer && g === model.graph) {
    for (const t of model.trainingInfo) {
      t.initializationBinding = t.initializationBinding.map(([a, b]) => [a === from ? to : a, b]);
      t.updateBinding = t.updateBinding.map(([a, b]) => [a === from ? to : a, b]);
    }
  }
}

export function rename(s: EditSession, e: RenameEdit): EditChange {
  const { model } = s;
  if (!e.to) throw argError(`rename "${e.from}": the new name is empty`);
  if (e.from === e.to) throw argError(`rename "${e.from}": the new name is the old one`);
  const values = e.kind === 'node' ? [] : valuesNamed(model, e.from);
  const nodes = e.kind === 'value' ? [] : nodesNamed(model, e.from);
  if (values.length === 0 && nodes.length === 0) {
    const names = allNames(model);
    const pool = e.kind === 'node' ? names.nodes : e.kind === 'value' ? names.values : [...names.values, ...names.nodes];
    const what = e.kind ?? 'value or node';
    throw notFound(`the model has no ${what} named "${e.from}"${suggestion(e.from, pool)}`, { value: e.from });
  }
  // A clash anywhere (subgraphs included) is refused: an inner name would shadow an outer one.
  const existing = allNames(model);
  if (values.length > 0 && existing.values.has(e.to)) {
    throw editError(`cannot rename value "${e.from}" to "${e.to}": a value named "${e.to}" already exists`, { value: e.to });
  }
  if (nodes.length > 0 && existing.nodes.has(e.to)) {
    throw editError(`cannot rename node "${e.from}" to "${e.to}": a node named "${e.to}" already exists`, { node: e.to });
  }
  for (const v of values) renameValue(model, v, e.to);
  for (const n of nodes) n.name = e.to;
  const what = [values.length ? 'value' : '', nodes.length ? 'node' : ''].filter(Boolean).join(' and ');
  return {
    op: 'rename',
    from: e.from,
    to: e.to,
    values: values.length,
    nodes: nodes.length,
    summary: `renamed ${what} "${e.from}" to "${e.to}"`,
  };
}
