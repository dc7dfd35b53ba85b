/** `--remove-input NAME`: refused while nodes use it (an input that is also an initializer becomes a constant). */
import { consumersOf, findValue } from './lookup.js';
import { editError, type EditSession } from './session.js';
import type { EditChange, RemoveInputEdit } from './types.js';

export function removeInput(s: EditSession, e: RemoveInputEdit): EditChange {
  const g = s.model.graph;
  const v = findValue(g, e.name, 'input');
  if (!v.isGraphInput()) throw editError(`"${e.name}" is not a graph input`, { value: e.name });
  const initializer = v.isInitializer();
  if (!initializer && v.uses().length > 0) {
    throw editError(`cannot remove input "${e.name}": it is used by ${consumersOf(v)}`, {
      value: e.name,
      hint: 'remove or rewire those nodes first, or replace the input by a constant with --set-initializer',
    });
  }
  if (!initializer && g.outputs.includes(v)) throw editError(`cannot remove input "${e.name}": it is also a graph output`, { value: e.name });
  g.removeInput(v);
  s.pinned.delete(v);
  return {
    op: 'remove-input',
    name: e.name,
    summary: initializer ? `input "${e.name}" is now a constant (its initializer stays)` : `removed unused graph input "${e.name}"`,
  };
}
