/**
 * `--set-initializer NAME=FILE`: replaces the tensor of an initializer (same dtype; a new shape is
 * reported and checked by inference). Given a graph input, freezes it into a constant.
 */
import { dtypeName } from '../ir/dtype.js';
import type { Tensor } from '../ir/tensor.js';
import { tensorType } from '../ir/types.js';
import { findValue } from './lookup.js';
import { shapeText } from './parse.js';
import { editError, type EditSession } from './session.js';
import type { EditChange, SetInitializerEdit } from './types.js';

function describe(t: Tensor): string {
  return `${dtypeName(t.dtype)}${shapeText(t.dims)}`;
}

export function setInitializer(s: EditSession, e: SetInitializerEdit): EditChange {
  const g = s.model.graph;
  const v = findValue(g, e.name, 'initializer');
  if (!v.isInitializer() && !v.isGraphInput()) {
    throw editError(`"${e.name}" is neither an initializer nor a graph input`, { value: e.name, hint: 'a value computed by a node cannot be replaced by a constant here' });
  }
  const tensor = s.readTensor(e.file);
  const old = v.constValue;
  const declared = v.type?.kind === 'tensor' ? v.type : undefined;
  const dtype = old?.dtype ?? declared?.elemType;
  if (dtype && tensor.dtype !== dtype) {
    throw editError(`set-initializer "${e.name}": "${e.file}" holds ${dtypeName(tensor.dtype)}, the model needs ${dtypeName(dtype)}`, {
      value: e.name,
      hint: `save the tensor as ${dtypeName(dtype)}`,
    });
  }
  const shape = declared?.shape;
  if (!old && shape && (shape.length !== tensor.rank || shape.some((d, i) => typeof d === 'number' && d !== tensor.dims[i]))) {
    throw editError(`set-initializer "${e.name}": "${e.file}" has shape ${shapeText(tensor.dims)}, the input is declared ${shapeText(shape)}`, { value: e.name });
  }
  tensor.name = v.name;
  v.constValue = tensor;
  if (old) {
    if (v.type) v.type = tensorType(tensor.dtype, tensor.dims);
  } else {
    // Freezing an input: an initializer that is no longer an input is a constant.
    v.type = tensorType(tensor.dtype, tensor.dims);
    g.addInitializer(v);
    g.removeInput(v);
    s.pinned.delete(v);
  }
  s.typesStale = true;
  const reshaped = old && old.dims.join(',') !== tensor.dims.join(',');
  return {
    op: 'set-initializer',
    name: v.name,
    file: e.file,
    from: old ? { dtype: dtypeName(old.dtype), shape: [...old.dims] } : null,
    to: { dtype: dtypeName(tensor.dtype), shape: [...tensor.dims] },
    summary: old
      ? `initializer "${v.name}": ${describe(old)} -> ${describe(tensor)} from ${e.file}${reshaped ? ' (new shape)' : ''}`
      : `input "${v.name}" frozen to a constant ${describe(tensor)} from ${e.file}`,
  };
}
