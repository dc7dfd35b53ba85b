/**
 * Helpers shared by the elementwise math and logic operators: FLOPs, inference of the opset < 7
 * binary ops, broadcast index maps for kernels that write their own loops, and propagation of
 * symbolic dims through integer arithmetic on shape values.
 */
import { broadcastOffsets } from './broadcast.js';
import { DataType, dtypeName } from '../../ir/dtype.js';
import type { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import type { FlopsContext, InferContext, InferFn, KernelContext } from '../types.js';
import { broadcastDims, broadcastStrides } from './broadcast.js';
import { dimAdd, dimEquals, dimFloorDiv, dimMul, dimSub } from './dims.js';
import { broadcastOrFail } from './elementwise.js';
import { sizeOf } from './convert.js';

/** FLOPs of an elementwise op: one per output element. */
export function elementwiseFlops(ctx: FlopsContext): number | undefined {
  return ctx.outputShape(0)?.reduce((a, b) => a * b, 1);
}

/**
 * Inference for elementwise ops whose inputs share one type T: the broadcast of all given inputs,
 * with the element type of any input that knows it (or `outType`); inputs of different known
 * types are a model error.
 */
export function sharedTypeInfer(outType?: DataType): InferFn {
  return function inferSharedType(ctx: InferContext): (ValueType | undefined)[] {
    const shapes = [];
    let t = DataType.UNDEFINED;
    for (let i = 0; i < ctx.inputCount; i++) {
      if (!ctx.has(i)) continue;
      const input = ctx.input(i);
      shapes.push(input.shape);
      if (input.elemType === DataType.UNDEFINED) continue;
      if (t !== DataType.UNDEFINED && input.elemType !== t) {
        ctx.fail(`inputs must have one type, got ${dtypeName(t)} and ${dtypeName(input.elemType)}`);
      }
      t = input.elemType;
    }
    const shape = broadcastDims(shapes, (m) => ctx.fail(m));
    return [tensorType(outType ?? t, shape)];
  };
}

/**
 * Inference for binary ops before opset 7 (limited broadcasting): the output has A's shape and
 * element type `outType` (default A's). With broadcast=0 the shapes must be equal; with
 * broadcast=1, B's dims must match A's from `axis` on (default: A's trailing dims).
 */
export function legacyInfer(outType?: DataType): InferFn {
  return function inferLegacyBinary(ctx: InferContext): (ValueType | undefined)[] {
    const a = ctx.input(0);
    const b = ctx.input(1);
    if (a.elemType && b.elemType && a.elemType !== b.elemType) ctx.fail(`A and B must have one type, got ${dtypeName(a.elemType)} and ${dtypeName(b.elemType)}`);
    if (a.shape && b.shape) {
      const as = a.shape;
      const bs = b.shape;
      if (ctx.attr.int('broadcast') === 0) {
        const mismatch = as.length !== bs.length || as.some((d, i) => typeof d === 'number' && typeof bs[i] === 'number' && d !== bs[i]);
        if (mismatch) ctx.fail(`shapes [${as.join(',')}] and [${bs.join(',')}] differ and broadcast=0`);
      } else {
        const axis = ctx.attr.optInt('axis');
        const start = axis === undefined ? as.length - bs.length : axis < 0 ? axis + as.length : axis;
        if (bs.length > as.length || start < 0 || start + bs.length > as.length) {
          ctx.fail(`B of shape [${bs.join(',')}] does not fit A of shape [${as.join(',')}] at axis ${start}`);
        }
        bs.forEach((d, i) => {
          const ad = as[start + i];
          if (typeof d === 'number' && typeof ad === 'number' && d !== ad && d !== 1) {
            ctx.fail(`B of shape [${bs.join(',')}] does not match A of shape [${as.join(',')}] at axis ${start}`);
          }
        });
      }
    }
    return [tensorType(outType ?? (a.elemType || b.elemType), a.shape)];
  };
}

/** Output shape and per-input read offsets of a broadcast (undefined offsets: read index i directly). */
export interface BroadcastPlan {
  dims: number[];
  size: number;
  /** One entry per input: its offset for each output element, or undefined when it has the output's size. */
  index: (Int32Array | undefined)[];
}

/** Plans a broadcast of `tensors` for a kernel that writes its own loop; fails on incompatible shapes. */
export function broadcastPlan(ctx: KernelContext, tensors: readonly Tensor[]): BroadcastPlan {
  const dims = broadcastOrFail(ctx, tensors);
  const size = sizeOf(dims);
  return { dims, size, index: tensors.map((t) => (t.size === size ? undefined : broadcastOffsets(t.dims, dims))) };
}

/**
 * Elements of a binary op's output computed from the inputs' (possibly symbolic) elements, when
 * both are small 0-d/1-d integer values and at least one element is not a plain number (numbers
 * alone are folded by running the kernel). A single element broadcasts.
 */
function symbolicPairs(ctx: InferContext, op: (a: Dim, b: Dim) => Dim): Dim[] | undefined {
  const a = ctx.input(0).symbolic;
  const b = ctx.input(1).symbolic;
  if (!a || !b) return undefined;
  if (a.every((d) => typeof d === 'number') && b.every((d) => typeof d === 'number')) return undefined;
  if (a.length !== b.length && a.length !== 1 && b.length !== 1) return undefined;
  const n = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < n; i++) out.push(op(a[a.length === 1 ? 0 : i]!, b[b.length === 1 ? 0 : i]!));
  return out;
}

/** Integer arithmetic on dims (Add, Sub, Mul, Div): records the output's symbolic elements. */
export function inferSymbolicArith(ctx: InferContext, kind: 'add' | 'sub' | 'mul' | 'div'): void {
  const t = ctx.input(0).elemType;
  if (t !== DataType.INT64 && t !== DataType.INT32) return;
  const out = symbolicPairs(ctx, (a, b) => {
    if (kind === 'add') return dimAdd(a, b);
    if (kind === 'sub') return dimSub(a, b);
    if (kind === 'mul') return dimMul(a, b);
    // Integer Div truncates; for dims (>= 0) over a positive divisor that is floor division.
    if (typeof a === 'number' && typeof b === 'number') return b === 0 ? null : Math.trunc(a / b);
    if (typeof b === 'number' && b <= 0) return null;
    if (typeof a === 'number' && a < 0) return null;
    return dimFloorDiv(a, b);
  });
  if (out) ctx.setSymbolic(0, out);
}

/**
 * Equal on dims: 1 or 0 where it is decidable (equal expressions; a symbolic dim, never
 * negative, against a negative number), null elsewhere.
 */
export function inferSymbolicEqual(ctx: InferContext): void {
  const out = symbolicPairs(ctx, (a, b) => {
    if (a === null || b === null) return null;
    if (typeof a === 'number' && typeof b === 'number') return a === b ? 1 : 0;
    if (dimEquals(a, b)) return 1;
    if ((typeof a === 'number' && a < 0) || (typeof b === 'number' && b < 0)) return 0;
    return null;
  });
  if (out) ctx.setSymbolic(0, out);
}
