/** Merging inferred and declared types, and minting symbols for unknown dims. */
import type { Model } from '../ir/model.js';
import type { Tensor } from '../ir/tensor.js';
import { shapeString, typeString, type Dim, type Shape, type ValueType } from '../ir/types.js';

export interface TypeConflict {
  kind: 'dtype' | 'shape';
  declared: string;
  inferred: string;
}

export function typeOfTensor(t: Tensor): ValueType {
  return { kind: 'tensor', elemType: t.dtype, shape: [...t.dims] };
}

function describe(t: ValueType): string {
  return t.kind === 'tensor' ? `${typeString(t)} ${shapeString(t.shape)}` : typeString(t);
}

/** Whether a symbol was minted by inference (ours or onnx's) rather than named by a person. */
function isMinted(d: Dim): boolean {
  return d === null || (typeof d === 'string' && /^unk__\d+$/.test(d));
}

function mergeShapes(inf: Shape | undefined, dec: Shape | undefined): { shape: Shape | undefined; conflict: boolean } {
  if (!inf) return { shape: dec, conflict: false };
  if (!dec) return { shape: inf, conflict: false };
  if (inf.length !== dec.length) return { shape: inf, conflict: true };
  let conflict = false;
  const shape = inf.map((a, i) => {
    const b = dec[i]!;
    if (typeof a === 'number' && typeof b === 'number') {
      if (a !== b) conflict = true;
      return a;
    }
    if (typeof a === 'number') return a;
    if (typeof b === 'number') return b;
    // Both symbolic or unknown: keep the declared name unless it is only a placeholder.
    return isMinted(b) ? (a ?? b) : b;
  });
  return { shape, conflict };
}

/**
 * Combines what inference found with what the model declares. Static facts win over symbols,
 * declared symbol names over minted ones. Returns a conflict when the two cannot both hold.
 */
export function mergeTypes(
  inferred: ValueType | undefined,
  declared: ValueType | undefined,
): { type: ValueType | undefined; conflict?: TypeConflict } {
  if (!inferred || inferred.kind === 'unset') return { type: declared };
  if (!declared || declared.kind === 'unset') return { type: inferred };
  const conflict = (kind: TypeConflict['kind']): TypeConflict => ({ kind, declared: describe(declared), inferred: describe(inferred) });
  if (inferred.kind !== declared.kind) return { type: inferred, conflict: conflict('dtype') };
  switch (inferred.kind) {
    case 'tensor':
    case 'sparse_tensor': {
      const d = declared as typeof inferred;
      if (inferred.elemType && d.elemType && inferred.elemType !== d.elemType) return { type: inferred, conflict: conflict('dtype') };
      const { shape, conflict: bad } = mergeShapes(inferred.shape, d.shape);
      const elemType = inferred.elemType || d.elemType;
      const type = { ...d, ...inferred, elemType, ...(shape ? { shape } : {}) } as ValueType;
      return bad ? { type, conflict: conflict('shape') } : { type };
    }
    case 'sequence':
    case 'optional': {
      const d = declared as typeof inferred;
      const inner = mergeTypes(inferred.elem, d.elem);
      const type = { ...d, ...inferred, ...(inner.type ? { elem: inner.type } : {}) } as ValueType;
      return inner.conflict ? { type, conflict: conflict(inner.conflict.kind) } : { type };
    }
    default:
      return { type: inferred };
  }
}

/** Where fresh symbols come from (the inference state). */
export interface SymbolSource {
  newSymbol(): string;
}

/** Replaces unknown (null) dims with fresh symbols, recursively. */
export function mintUnknownDims(t: ValueType, symbols: SymbolSource): ValueType {
  switch (t.kind) {
    case 'tensor':
    case 'sparse_tensor':
      if (!t.shape || !t.shape.includes(null)) return t;
      return { ...t, shape: t.shape.map((d) => (d === null ? symbols.newSymbol() : d)) };
    case 'sequence':
    case 'optional':
      return t.elem ? { ...t, elem: mintUnknownDims(t.elem, symbols) } : t;
    default:
      return t;
  }
}

function symbolsOf(t: ValueType | undefined, out: Set<string>): void {
  if (!t) return;
  if ((t.kind === 'tensor' || t.kind === 'sparse_tensor') && t.shape) for (const d of t.shape) if (typeof d === 'string') out.add(d);
  if (t.kind === 'sequence' || t.kind === 'optional') symbolsOf(t.elem, out);
  if (t.kind === 'map') symbolsOf(t.value, out);
}

/** Every dim_param name the model uses, so minted symbols never collide with them. */
export function collectSymbols(model: Model): Set<string> {
  const out = new Set<string>();
  for (const g of model.graph.allGraphs()) {
    const values = g.values();
    for (let i = 0; i < values.length; i++) symbolsOf(values[i]!.type, out);
  }
  return out;
}
