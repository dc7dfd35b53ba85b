/**
 * Kernels and inference shared by Softmax, LogSoftmax and Hardmax: before opset 13 the input is
 * coerced to 2-D at `axis` ([prod(d[0:axis]), prod(d[axis:])]) and normalized along the second
 * dim; from opset 13 on, along the single axis `axis`.
 */
import { tensorType, type ValueType } from '../../ir/types.js';
import type { FlopsContext, InferContext, KernelContext, KernelFn } from '../types.js';
import { normalizeAxis } from './axes.js';
import { toFloat } from './convert.js';
import { computeBuffer, fromCompute } from './normalize.js';
import { softmaxAlong, splitAt, type SoftmaxKind } from './softmax.js';

/** Axis of the coerced 2-D view (opset < 13): -rank..rank allowed, as in flatten. */
function coercedAxis(axis: number, rank: number, fail: (m: string) => never): number {
  if (axis < -rank || axis > rank) fail(`axis ${axis} is out of range for rank ${rank}`);
  return axis < 0 ? axis + rank : axis;
}

/** The kernel of one of the three ops; `coerce2d` for the versions before 13. */
export function softmaxKernel(kind: SoftmaxKind, coerce2d: boolean): KernelFn {
  return function softmaxFamily(ctx: KernelContext) {
    const x = ctx.input(0);
    const fail = (m: string): never => ctx.fail(m);
    let outer: number;
    let len: number;
    let inner: number;
    if (coerce2d) {
      const a = coercedAxis(ctx.attr.int('axis'), x.rank, fail);
      outer = 1;
      for (let i = 0; i < a; i++) outer *= x.dims[i]!;
      len = outer === 0 ? 0 : x.size / outer;
      inner = 1;
    } else {
      if (x.rank === 0) ctx.fail('input must have rank >= 1');
      [outer, len, inner] = splitAt(x.dims, normalizeAxis(ctx.attr.int('axis'), x.rank, fail));
    }
    const out = computeBuffer(x.dtype, x.size);
    if (x.size > 0) softmaxAlong(toFloat(x), out, outer, len, inner, kind);
    return [fromCompute(x.dtype, x.dims, out)];
  };
}

/** Inference: the output is the input's type; the axis is checked when the rank is known. */
export function softmaxInfer(coerce2d: boolean) {
  return function inferSoftmax(ctx: InferContext): (ValueType | undefined)[] {
    const x = ctx.input(0);
    if (x.rank !== undefined) {
      const axis = ctx.attr.int('axis');
      if (coerce2d) coercedAxis(axis, x.rank, (m) => ctx.fail(m));
      else {
        if (x.rank === 0) ctx.fail('input must have rank >= 1');
        normalizeAxis(axis, x.rank, (m) => ctx.fail(m));
      }
    }
    return [x.type ?? tensorType(x.elemType)];
  };
}

/** 3 FLOPs per element (exp, sum, divide), docs/flops.md. */
export function softmaxFlops(ctx: FlopsContext): number | undefined {
  const s = ctx.inputShape(0);
  return s ? 3 * s.reduce((a, b) => a * b, 1) : undefined;
}
