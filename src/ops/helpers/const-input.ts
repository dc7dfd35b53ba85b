/** Inference helpers for inputs whose values (not just types) decide an output shape. */
import type { Dim } from '../../ir/types.js';
import type { InferContext } from '../types.js';

/** The elements of input i as numbers when all are known statically (a constant or folded shape). */
export function knownInts(ctx: InferContext, i: number): number[] | undefined {
  if (!ctx.has(i)) return undefined;
  const s = ctx.input(i).symbolic;
  if (!s || !s.every((d) => typeof d === 'number')) return undefined;
  return s as number[];
}

/** The elements of input i as dims (numbers or symbols), when known. */
export function knownDims(ctx: InferContext, i: number): Dim[] | undefined {
  if (!ctx.has(i)) return undefined;
  const s = ctx.input(i).symbolic;
  return s ? [...s] : undefined;
}

/** The length of a rank-1 input from its shape, when static. */
export function staticLength(ctx: InferContext, i: number): number | undefined {
  const shape = ctx.input(i).shape;
  if (!shape) return undefined;
  if (shape.length === 0) return 1;
  const d = shape[0];
  return typeof d === 'number' ? d : undefined;
}

/** n unknown dims. */
export function unknownDims(n: number): Dim[] {
  return new Array<Dim>(n).fill(null);
}
