import { defineOp } from '../define.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { dimFloorDiv, dimMul, dimProduct } from '../helpers/dims.js';
import { toInts } from '../helpers/convert.js';
import type { InferContext, KernelContext } from '../types.js';


/**
 * The output shape of Reshape: 0 copies the input dim (unless allowzero), -1 is inferred from
 * the element count. Works on symbolic dims.
 */
export function reshapeDims(input: readonly Dim[] | undefined, target: readonly Dim[], allowzero: boolean, fail: (m: string) => never): Dim[] {
  const n = target.length;
  let minus = -1;
  let hasZero = false;
  for (let i = 0; i < n; i++) {
    const d = target[i];
    if (d === -1) {
      if (minus >= 0) fail('shape has more than one -1');
      minus = i;
    } else if (d === 0) hasZero = true;
  }
  if (allowzero && hasZero && minus >= 0) fail('shape has both 0 and -1 with allowzero=1');
  const out = new Array<Dim>(n);
  for (let i = 0; i < n; i++) {
    const d = target[i]!;
    if (d === 0 && !allowzero) {
      if (!input) out[i] = null;
      else if (i >= input.length) fail(`shape copies dim ${i} (0), but the input has rank ${input.length}`);
      else out[i] = input[i]!;
    } else out[i] = d;
  }
  if (minus >= 0) {
    if (!input) out[minus] = null;
    else {
      let known: Dim = 1;
      for (let i = 0; i < n; i++) if (i !== minus) known = dimMul(known, out[i]!);
      out[minus] = dimFloorDiv(dimProduct(input), known);
    }
  }
  for (let i = 0; i < n; i++) {
    const d = out[i];
    if (typeof d === 'number' && d < 0) fail(`shape has a negative dim ${d}`);
  }
  return out;
}

/** Reshape-1: the target shape is the `shape` attribute. */
function inferReshapeV1(ctx: InferContext): (ValueType | undefined)[] {
  const data = ctx.input(0);
  return [tensorType(data.elemType, reshapeDims(data.shape, ctx.attr.ints('shape'), false, (m) => ctx.fail(m)))];
}

function inferReshape(ctx: InferContext): (ValueType | undefined)[] {
  const data = ctx.input(0);
  const allowzero = (ctx.attr.optInt('allowzero') ?? 0) === 1;
  const shape = ctx.input(1);
  const target = shape.symbolic;
  if (target) {
    const dims = reshapeDims(data.shape, target, allowzero, (m) => ctx.fail(m));
    if (data.symbolic && dims.length <= 1) ctx.setSymbolic(0, data.symbolic);
    return [tensorType(data.elemType, dims)];
  }
  const rank = shape.shape?.[0];
  return [tensorType(data.elemType, typeof rank === 'number' ? new Array<Dim>(rank).fill(null) : undefined)];
}

function reshapeTo(ctx: KernelContext, target: readonly number[], allowzero: boolean) {
  const data = ctx.input(0);
  const dims = reshapeDims(data.dims, target, allowzero, (m) => ctx.fail(m)) as number[];
  const size = dims.reduce((a, b) => a * b, 1);
  if (size !== data.size) ctx.fail(`cannot reshape [${data.dims.join(',')}] (${data.size} values) to [${dims.join(',')}]`);
  return [Tensor.fromData(data.dtype, dims, data.data())];
}

function reshapeKernelV1(ctx: KernelContext) {
  return reshapeTo(ctx, ctx.attr.ints('shape'), false);
}

function reshapeKernel(ctx: KernelContext) {
  return reshapeTo(ctx, toInts(ctx.input(1)), (ctx.attr.optInt('allowzero') ?? 0) === 1);
}

export default defineOp({
  opType: 'Reshape',
  category: 'shape',
  infer: inferReshape,
  kernel: reshapeKernel,
  versions: [
    { since: 1, inputs: 'data:T', outputs: 'reshaped:T', attrs: { consumed_inputs: 'ints', shape: 'ints' }, types: { T: 'float16 float double' }, infer: inferReshapeV1, kernel: reshapeKernelV1 },
    { since: 5, inputs: 'data:T, shape:tensor(int64)', outputs: 'reshaped:T', types: { T: '$all_v1' } },
    { since: 13, inputs: 'data:T, shape:tensor(int64)', outputs: 'reshaped:T', types: { T: '$all_v13' } },
    { since: 14, inputs: 'data:T, shape:tensor(int64)', outputs: 'reshaped:T', attrs: { allowzero: 'int=0' }, types: { T: '$all_v13' } },
    { since: 19, inputs: 'data:T, shape:tensor(int64)', outputs: 'reshaped:T', attrs: { allowzero: 'int=0' }, types: { T: '$all_v19' } },
    { since: 21, inputs: 'data:T, shape:tensor(int64)', outputs: 'reshaped:T', attrs: { allowzero: 'int=0' }, types: { T: '$all_v21' } },
    { since: 23, inputs: 'data:T, shape:tensor(int64)', outputs: 'reshaped:T', attrs: { allowzero: 'int=0' }, types: { T: '$all_v23' } },
    { since: 24, inputs: 'data:T, shape:tensor(int64)', outputs: 'reshaped:T', attrs: { allowzero: 'int=0' }, types: { T: '$all_v24' } },
    { since: 25, inputs: 'data:T, shape:tensor(int64)', outputs: 'reshaped:T', attrs: { allowzero: 'int=0' }, types: { T: '$all_v25' } },
  ],
});
