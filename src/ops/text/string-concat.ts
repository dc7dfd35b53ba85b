import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { broadcastIndex } from '../helpers/broadcast.js';
import { broadcastOrFail, elementwiseInfer } from '../helpers/elementwise.js';
import { sizeOf } from '../helpers/convert.js';
import type { KernelContext } from '../types.js';

function stringConcatKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  const y = ctx.input(1);
  const dims = broadcastOrFail(ctx, [x, y]);
  const n = sizeOf(dims);
  const xs = x.data() as string[];
  const ys = y.data() as string[];
  const out = new Array<string>(n);
  if (x.size === n && y.size === n) {
    for (let i = 0; i < n; i++) out[i] = xs[i]! + ys[i]!;
  } else {
    const [ix, iy] = broadcastIndex([x.dims, y.dims], dims) as [Int32Array, Int32Array];
    for (let i = 0; i < n; i++) out[i] = xs[ix[i]!]! + ys[iy[i]!]!;
  }
  return [Tensor.fromData(DataType.STRING, dims, out)];
}

/** Z = X + Y on strings, with numpy broadcasting. */
export default defineOp({
  opType: 'StringConcat',
  category: 'text',
  traits: ['elementwise'],
  infer: elementwiseInfer(DataType.STRING),
  kernel: stringConcatKernel,
  versions: [
    { since: 20, inputs: 'X:T, Y:T', outputs: 'Z:T', types: { T: 'string' } },
  ],
});
