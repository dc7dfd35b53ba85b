import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { readWindowAttrs } from '../helpers/conv-pool.js';
import { allocData, type NumericArray } from '../../ir/dtype.js';
import { toInts } from '../helpers/convert.js';
import { stridesOf } from '../helpers/broadcast.js';
import { dimAdd, dimConflicts, dimMul } from '../helpers/dims.js';
import type { InferContext, KernelContext } from '../types.js';

/** Scatters X into a zero tensor at the flat positions I (the inverse of MaxPool with Indices). */
function inferMaxUnpool(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const idx = ctx.input(1);
  const xs = x.shape;
  if (xs && xs.length < 3) ctx.fail(`X must have rank >= 3 (N, C, spatial...), got rank ${xs.length}`);
  if (xs && idx.shape) {
    if (idx.shape.length !== xs.length || idx.shape.some((d, i) => dimConflicts(d, xs[i]!))) {
      ctx.fail(`I [${idx.shape.join(',')}] must have the shape of X [${xs.join(',')}]`);
    }
  }
  if (ctx.has(2)) {
    const os = ctx.input(2);
    if (os.symbolic) return [tensorType(x.elemType, os.symbolic)];
    const n = os.shape?.[0];
    return [tensorType(x.elemType, typeof n === 'number' ? new Array<Dim>(n).fill(null) : undefined)];
  }
  if (!xs) return [tensorType(x.elemType)];
  const nd = xs.length - 2;
  const wa = readWindowAttrs(ctx.attr, nd, undefined, (m) => ctx.fail(m));
  const spatial = xs.slice(2).map((d, i) => dimAdd(dimMul(d, wa.strides[i]!), wa.kernel[i]! - wa.strides[i]! - wa.pads[i]! - wa.pads[nd + i]!));
  return [tensorType(x.elemType, [xs[0]!, xs[1]!, ...spatial])];
}

function maxUnpoolKernel(ctx: KernelContext) {
  const X = ctx.input(0);
  const I = ctx.input(1);
  const osT = ctx.optionalInput(2);
  if (X.rank < 3) ctx.fail(`X must have rank >= 3 (N, C, spatial...), got [${X.dims.join(',')}]`);
  if (I.dims.join(',') !== X.dims.join(',')) ctx.fail(`I [${I.dims.join(',')}] must have the shape of X [${X.dims.join(',')}]`);
  const nd = X.rank - 2;
  const wa = readWindowAttrs(ctx.attr, nd, undefined, (m) => ctx.fail(m));
  // I holds flat positions in the default output (what MaxPool's input would have been).
  const natural = [X.dims[0]!, X.dims[1]!, ...X.dims.slice(2).map((d, i) => (d - 1) * wa.strides[i]! + wa.kernel[i]! - wa.pads[i]! - wa.pads[nd + i]!)];
  let dims = natural;
  if (osT) {
    dims = toInts(osT);
    if (dims.length !== X.rank) ctx.fail(`output_shape has ${dims.length} values, expected ${X.rank}`);
  }
  const naturalSize = natural.reduce((a, b) => a * b, 1);
  const size = dims.reduce((a, b) => a * b, 1);
  const same = dims.every((d, i) => d === natural[i]);
  const natStr = stridesOf(natural);
  const outStr = stridesOf(dims);
  const out = allocData(X.dtype, size) as NumericArray;
  const x = X.data() as NumericArray;
  const ind = I.data() as BigInt64Array;
  for (let i = 0; i < ind.length; i++) {
    let k = Number(ind[i]!);
    if (k < 0 || k >= naturalSize) ctx.fail(`index ${k} is outside the unpooled tensor [${natural.join(',')}]`);
    if (!same) {
      // The same coordinates in the (larger) requested output.
      let rem = k;
      k = 0;
      for (let d = 0; d < natural.length; d++) {
        const c = Math.floor(rem / natStr[d]!);
        rem -= c * natStr[d]!;
        if (c >= dims[d]!) ctx.fail(`index ${ind[i]} falls outside output_shape [${dims.join(',')}]`);
        k += c * outStr[d]!;
      }
    }
    out[k] = x[i]!;
  }
  return [Tensor.fromData(X.dtype === DataType.UNDEFINED ? DataType.FLOAT : X.dtype, dims, out)];
}

export default defineOp({
  opType: 'MaxUnpool',
  category: 'pool',
  infer: inferMaxUnpool,
  kernel: maxUnpoolKernel,
  versions: [
    { since: 9, inputs: 'X:T1, I:T2, output_shape?:T2', outputs: 'output:T1', attrs: { kernel_shape: 'ints!', pads: 'ints', strides: 'ints' }, types: { T1: 'float16 float double', T2: 'int64' } },
    { since: 11, inputs: 'X:T1, I:T2, output_shape?:T2', outputs: 'output:T1', attrs: { kernel_shape: 'ints!', pads: 'ints', strides: 'ints' }, types: { T1: 'float16 float double', T2: 'int64' } },
    { since: 22, inputs: 'X:T1, I:T2, output_shape?:T2', outputs: 'output:T1', attrs: { kernel_shape: 'ints!', pads: 'ints', strides: 'ints' }, types: { T1: 'bfloat16 float16 float double', T2: 'int64' } },
  ],
});
