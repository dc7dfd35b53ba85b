/** `--add-output NAME` / `--add-output all`: exposes intermediate values as graph outputs. */
import type { Value } from '../ir/value.js';
import { findValue } from './lookup.js';
import type { EditSession } from './session.js';
import type { AddOutputEdit, EditChange } from './types.js';

export function addOutput(s: EditSession, e: AddOutputEdit): EditChange {
  const g = s.model.graph;
  let added: Value[];
  if (e.name === 'all' && !g.findValue('all')) {
    const taken = new Set(g.outputs);
    added = [];
    for (const n of g.nodes) {
      for (const o of n.outputs) {
        if (!o.name || taken.has(o)) continue;
        taken.add(o);
        added.push(o);
      }
    }
  } else {
    const v = findValue(g, e.name);
    added = g.outputs.includes(v) ? [] : [v];
  }
  // Their types come from shape inference once all edits are applied (see validate.ts).
  for (const v of added) g.addOutput(v);
  const names = added.map((v) => v.name);
  return {
    op: 'add-output',
    name: e.name,
    added: names,
    summary:
      names.length === 0
        ? e.name === 'all'
          ? 'every computed value is already a graph output'
          : `"${e.name}" is already a graph output`
        : names.length > 3
          ? `added ${names.length} graph outputs ("${names[0]}" ... "${names[names.length - 1]}")`
          : `added graph output${names.length > 1 ? 's' : ''} ${names.map((n) => `"${n}"`).join(', ')}`,
  };
}
