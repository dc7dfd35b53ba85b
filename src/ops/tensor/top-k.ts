import { defineOp } from '../define.js';
import { allocData, DataType, dtypeInfo } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { normalizeAxis } from '../helpers/axes.js';
import { knownDims } from '../helpers/const-input.js';
import { isNarrowFloat, scalarOf, sizeOf, toFloat32 } from '../helpers/convert.js';
import { setElement } from '../helpers/layout.js';
import type { InferContext, KernelContext } from '../types.js';

/** Values and indices (int64) of the k largest (or smallest) elements along `axis`. */
function topKInfer(kFromInput: boolean) {
  return function inferTopK(ctx: InferContext): (ValueType | undefined)[] {
    const x = ctx.input(0);
    let k: Dim = null;
    if (kFromInput) {
      const kv = knownDims(ctx, 1);
      if (kv?.length === 1) k = kv[0]!;
    } else k = ctx.attr.int('k');
    if (typeof k === 'number' && k < 0) ctx.fail(`k must be >= 0, got ${k}`);
    if (!x.shape) return [tensorType(x.elemType), tensorType(DataType.INT64)];
    const axis = normalizeAxis(ctx.attr.int('axis'), x.shape.length, (m) => ctx.fail(m));
    const n = x.shape[axis]!;
    if (typeof k === 'number' && typeof n === 'number' && k > n) ctx.fail(`k (${k}) exceeds the ${n} values of axis ${axis}`);
    const dims = x.shape.map((d, i) => (i === axis ? k : d));
    return [tensorType(x.elemType, dims), tensorType(DataType.INT64, dims)];
  };
}

function topKKernel(kFromInput: boolean) {
  return function topK(ctx: KernelContext) {
    const x = ctx.input(0);
    const k = kFromInput ? scalarOf(ctx.input(1)) : ctx.attr.int('k');
    const axis = normalizeAxis(ctx.attr.int('axis'), x.rank, (m) => ctx.fail(m));
    const largest = (ctx.attr.optInt('largest') ?? 1) !== 0;
    const n = x.dims[axis]!;
    if (k < 0 || k > n) ctx.fail(`k (${k}) must be in [0, ${n}]`);
    const outer = sizeOf(x.dims.slice(0, axis));
    const inner = sizeOf(x.dims.slice(axis + 1));
    const dims = x.dims.map((d, i) => (i === axis ? k : d));
    const keys = (isNarrowFloat(x.dtype) ? toFloat32(x) : x.data()) as Float64Array;
    const src = x.data();
    const lanes = dtypeInfo(x.dtype).lanes;
    const values = allocData(x.dtype, sizeOf(dims));
    const indices = new BigInt64Array(sizeOf(dims));
    const order = new Int32Array(Math.max(n, 1));
    const bigKeys = keys instanceof BigInt64Array || keys instanceof BigUint64Array;
    const select = !bigKeys && k <= 32;
    const best = new Float64Array(Math.max(k, 1));
    // Stable: equal values keep index order. NaN ranks above every number (largest) or below (smallest).
    const sign = largest ? -1 : 1;
    let base = 0;
    const cmp = (a: number, b: number): number => {
      const va = keys[base + a * inner]!;
      const vb = keys[base + b * inner]!;
      if (va < vb) return -sign;
      if (va > vb) return sign;
      if (va !== va || vb !== vb) {
        const na = va !== va ? 1 : 0;
        const nb = vb !== vb ? 1 : 0;
        if (na !== nb) return largest ? nb - na : na - nb;
      }
      return a - b;
    };
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        base = o * n * inner + i;
        if (select) {
          // Small k: insert each value into a sorted buffer of the best k so far (a later equal value never displaces an earlier one).
          let c = 0;
          for (let j = 0; j < n; j++) {
            const v = keys[base + j * inner]!;
            let p = c < k ? c : k;
            while (p > 0) {
              const u = best[p - 1]!;
              const better = largest ? v > u || (v !== v && u === u) : v < u || (u !== u && v === v);
              if (!better) break;
              if (p < k) {
                best[p] = u;
                order[p] = order[p - 1]!;
              }
              p--;
            }
            if (p < k) {
              best[p] = v;
              order[p] = j;
              if (c < k) c++;
            }
          }
        } else {
          for (let j = 0; j < n; j++) order[j] = j;
          order.sort(cmp);
        }
        for (let j = 0; j < k; j++) {
          const dst = (o * k + j) * inner + i;
          setElement(values, dst, src, base + order[j]! * inner, lanes);
          indices[dst] = BigInt(order[j]!);
        }
      }
    }
    return [Tensor.fromData(x.dtype, dims, values), Tensor.fromData(DataType.INT64, dims, indices)];
  };
}

export default defineOp({
  opType: 'TopK',
  category: 'tensor',
  infer: topKInfer(true),
  kernel: topKKernel(true),
  flops: () => 0,
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Values:T, Indices:I', attrs: { axis: 'int=-1', k: 'int!' }, types: { T: 'float16 float double', I: 'int64' }, infer: topKInfer(false), kernel: topKKernel(false) },
    { since: 10, inputs: 'X:T, K:tensor(int64)', outputs: 'Values:T, Indices:I', attrs: { axis: 'int=-1' }, types: { T: 'float16 float double', I: 'int64' } },
    { since: 11, inputs: 'X:T, K:tensor(int64)', outputs: 'Values:T, Indices:I', attrs: { axis: 'int=-1', largest: 'int=1', sorted: 'int=1' }, types: { T: '$numeric', I: 'int64' } },
    { since: 24, inputs: 'X:T, K:tensor(int64)', outputs: 'Values:T, Indices:I', attrs: { axis: 'int=-1', largest: 'int=1', sorted: 'int=1' }, types: { T: '$numeric_v13', I: 'int64' } },
  ],
});
