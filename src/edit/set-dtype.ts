/** `--set-dtype NAME=float16`: the element type of a graph input. */
import { DataType, dtypeName } from '../ir/dtype.js';
import { tensorType } from '../ir/types.js';
import { findValue } from './lookup.js';
import { parseDtypeName } from './parse.js';
import { editError, type EditSession } from './session.js';
import type { EditChange, SetDtypeEdit } from './types.js';

export function setDtype(s: EditSession, e: SetDtypeEdit): EditChange {
  const v = findValue(s.model.graph, e.name, 'input');
  const dtype = parseDtypeName(e.dtype, `set-dtype "${e.name}"`);
  if (!v.isGraphInput()) {
    throw editError(`cannot set the dtype of "${v.name}": it is not a graph input`, {
      value: v.name,
      hint: 'the dtypes of other values follow from the inputs and the operators; insert a Cast to change one',
    });
  }
  if (v.isInitializer()) throw editError(`cannot set the dtype of "${v.name}": it is an initializer, whose tensor fixes its type`, { value: v.name });
  const old = v.type;
  if (old && old.kind !== 'tensor') throw editError(`cannot set the dtype of "${v.name}": it is a ${old.kind}, not a tensor`, { value: v.name });
  const t = old ?? tensorType(DataType.UNDEFINED);
  v.type = { ...t, elemType: dtype };
  s.pinned.add(v);
  s.typesStale = true;
  return {
    op: 'set-dtype',
    value: v.name,
    from: dtypeName(t.elemType),
    to: dtypeName(dtype),
    summary: `input "${v.name}": dtype ${dtypeName(t.elemType)} -> ${dtypeName(dtype)}`,
  };
}
