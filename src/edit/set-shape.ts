/** `--set-shape NAME=1,3,224,224`: the declared shape of a graph input or output, static or symbolic. */
import type { TensorType } from '../ir/types.js';
import type { Value } from '../ir/value.js';
import { findValue } from './lookup.js';
import { parseShape, shapeText } from './parse.js';
import { editError, type EditSession } from './session.js';
import type { EditChange, SetShapeEdit } from './types.js';

/** The tensor type of a graph input or output that an edit may change; refuses anything else. */
export function declaredTensorType(v: Value, what: string): TensorType {
  if (!v.isGraphInput() && !v.isGraphOutput()) {
    throw editError(`cannot set the ${what} of "${v.name}": it is neither a graph input nor a graph output`, {
      value: v.name,
      hint: 'intermediate types come from shape inference; add it as an output first (--add-output)',
    });
  }
  if (v.isInitializer()) {
    throw editError(`cannot set the ${what} of "${v.name}": it is an initializer, whose tensor fixes its type`, { value: v.name });
  }
  const t = v.type;
  if (!t || t.kind !== 'tensor' || !t.elemType) {
    throw editError(`cannot set the ${what} of "${v.name}": it has no tensor type with an element type`, {
      value: v.name,
      hint: 'give it a dtype first with --set-dtype',
    });
  }
  return t;
}

export function setShape(s: EditSession, e: SetShapeEdit): EditChange {
  const v = findValue(s.model.graph, e.name);
  const shape = parseShape(e.shape, `set-shape "${e.name}"`);
  const t = declaredTensorType(v, 'shape');
  const { dimDenotations, ...rest } = t;
  const keepDenotations = dimDenotations && t.shape && t.shape.length === shape.length;
  v.type = { ...rest, shape, ...(keepDenotations ? { dimDenotations } : {}) };
  s.pinned.add(v);
  s.typesStale = true;
  const rank = t.shape && t.shape.length !== shape.length ? ` (rank ${t.shape.length} -> ${shape.length})` : '';
  return {
    op: 'set-shape',
    value: v.name,
    from: t.shape ?? null,
    to: shape,
    summary: `${v.isGraphInput() ? 'input' : 'output'} "${v.name}": shape ${shapeText(t.shape)} -> ${shapeText(shape)}${rank}`,
  };
}
