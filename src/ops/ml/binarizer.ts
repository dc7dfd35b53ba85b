import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { sameAsInput } from '../helpers/elementwise.js';
import { encodeFloats, toFloat64 } from '../helpers/convert.js';
import type { KernelContext } from '../types.js';

function binarizerKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  const threshold = ctx.attr.float('threshold');
  if (x.dtype === DataType.INT64) {
    const d = x.data() as BigInt64Array;
    const out = new BigInt64Array(d.length);
    for (let i = 0; i < d.length; i++) out[i] = Number(d[i]!) > threshold ? 1n : 0n;
    return [Tensor.fromData(x.dtype, x.dims, out)];
  }
  const v = toFloat64(x);
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! > threshold ? 1 : 0;
  return [Tensor.fromData(x.dtype, x.dims, encodeFloats(x.dtype, out))];
}

/** 1 where X > threshold, else 0 (NaN gives 0), in X's type. */
export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'Binarizer',
  category: 'ml',
  traits: ['elementwise'],
  infer: sameAsInput,
  kernel: binarizerKernel,
  flops: (ctx) => ctx.outputShape(0)?.reduce((a, b) => a * b, 1),
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:T', attrs: { threshold: 'float=0.0' }, types: { T: 'float double int64 int32' } },
  ],
});
