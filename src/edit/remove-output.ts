/** `--remove-output NAME`: the value stays; nodes left without a use are removed by --cleanup. */
import { findValue } from './lookup.js';
import { editError, type EditSession } from './session.js';
import type { EditChange, RemoveOutputEdit } from './types.js';

export function removeOutput(s: EditSession, e: RemoveOutputEdit): EditChange {
  const g = s.model.graph;
  const v = findValue(g, e.name, 'output');
  if (!g.outputs.includes(v)) {
    throw editError(`"${e.name}" is not a graph output`, { value: e.name, hint: `outputs: ${g.outputs.map((o) => `"${o.name}"`).join(', ')}` });
  }
  if (g.outputs.length === 1) throw editError(`cannot remove "${e.name}": it is the only graph output, and a model needs one`, { value: e.name });
  g.removeOutput(v);
  const dead = v.producer !== undefined && v.uses().length === 0 && v.producer.outputs.every((o) => o.uses().length === 0 && !g.outputs.includes(o));
  return {
    op: 'remove-output',
    name: e.name,
    summary: `removed graph output "${e.name}"${dead ? ` (node "${v.producer!.name}" now computes nothing used: --cleanup removes it)` : ''}`,
  };
}
