import { defineOp } from '../define.js';
import type { ValueType } from '../../ir/types.js';
import { dimConflicts } from '../helpers/dims.js';
import { binaryKernel } from '../helpers/elementwise.js';
import type { InferContext, KernelContext } from '../types.js';
import { sigmoid } from './sigmoid.js';

/** Y = A * sigmoid(alpha * A) * B, for A and B of the same shape (no broadcasting). */
function swigluKernel(ctx: KernelContext) {
  const a = ctx.input(0);
  const b = ctx.input(1);
  if (a.rank !== b.rank || a.dims.some((d, i) => d !== b.dims[i])) {
    ctx.fail(`A [${a.dims.join(',')}] and B [${b.dims.join(',')}] must have the same shape`);
  }
  const alpha = ctx.attr.float('alpha');
  return binaryKernel({ num: (x, y) => x * sigmoid(alpha * x) * y })(ctx);
}

function inferSwiglu(ctx: InferContext): (ValueType | undefined)[] {
  const a = ctx.input(0);
  const b = ctx.input(1);
  if (a.shape && b.shape) {
    if (a.shape.length !== b.shape.length) ctx.fail(`A has rank ${a.shape.length} but B has rank ${b.shape.length}`);
    a.shape.forEach((d, i) => {
      if (dimConflicts(d, b.shape![i]!)) ctx.fail(`A and B differ in dim ${i}: ${d} vs ${b.shape![i]}`);
    });
    // Where A's dim is unknown, B's may be known.
    const shape = a.shape.map((d, i) => (typeof d === 'number' ? d : (b.shape![i] ?? d)));
    return [{ kind: 'tensor', elemType: a.elemType || b.elemType, shape }];
  }
  return [a.shape ? a.type : b.type && b.type.kind === 'tensor' ? { ...b.type, elemType: a.elemType || b.type.elemType } : a.type];
}

export default defineOp({
  opType: 'SwiGLU',
  category: 'activation',
  traits: ['elementwise', 'activation'],
  infer: inferSwiglu,
  kernel: swigluKernel,
  flops: (ctx) => ctx.outputShape(0)?.reduce((a, b) => a * b, 1),
  versions: [
    { since: 28, inputs: 'A:T, B:T', outputs: 'Y:T', attrs: { alpha: 'float=1.0' }, types: { T: 'bfloat16 float16 float double' } },
  ],
});
