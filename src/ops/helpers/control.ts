/** Helpers shared by the control-flow operators (If, Loop, Scan). */
import type { Dim, ValueType } from '../../ir/types.js';
import { elemTypeString } from '../../ir/types.js';

function mergeDims(a: Dim, b: Dim): Dim {
  return a === b ? a : null;
}

/**
 * The type of a value that comes from one of two branches: element types must agree; dims that
 * differ (or ranks that differ) become unknown.
 */
export function mergeBranchTypes(a: ValueType | undefined, b: ValueType | undefined, fail: (m: string) => never): ValueType | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.kind !== b.kind) fail(`branches give a ${a.kind} and a ${b.kind}`);
  if (a.kind === 'tensor' && b.kind === 'tensor') {
    if (a.elemType && b.elemType && a.elemType !== b.elemType) {
      fail(`branches give ${elemTypeString(a.elemType)} and ${elemTypeString(b.elemType)}`);
    }
    const elemType = a.elemType || b.elemType;
    if (!a.shape || !b.shape || a.shape.length !== b.shape.length) return { kind: 'tensor', elemType };
    return { kind: 'tensor', elemType, shape: a.shape.map((d, i) => mergeDims(d, b.shape![i]!)) };
  }
  if ((a.kind === 'sequence' || a.kind === 'optional') && b.kind === a.kind) {
    const elem = mergeBranchTypes(a.elem, b.elem, fail);
    return elem ? { kind: a.kind, elem } : { kind: a.kind };
  }
  return a;
}
