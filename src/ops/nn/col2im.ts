import { defineOp } from '../define.js';
import { DataType, dtypeName, isBigIntType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import type { AttrReader } from '../attr-reader.js';
import { effectiveKernel } from '../helpers/conv-pool.js';
import { col2im, sameKind } from '../helpers/conv-kernel.js';
import { encodeFloats, isNarrowFloat, toFloat, toFloat64, toInts } from '../helpers/convert.js';
import { dimConflicts, dimFloorDiv, dimProduct } from '../helpers/dims.js';
import type { InferContext, KernelContext } from '../types.js';

/** strides, dilations and pads for `nd` image axes (defaults 1, 1, 0). */
function col2imAttrs(attr: AttrReader, nd: number, fail: (m: string) => never): { strides: number[]; dilations: number[]; pads: number[] } {
  const get = (name: string, n: number, dflt: number, min: number): number[] => {
    const v = attr.optInts(name);
    if (v === undefined) return new Array<number>(n).fill(dflt);
    if (v.length !== n) fail(`${name} has ${v.length} values, expected ${n}`);
    if (v.some((x) => x < min)) fail(`${name} must be >= ${min}, got [${v.join(',')}]`);
    return v;
  };
  return { strides: get('strides', nd, 1, 1), dilations: get('dilations', nd, 1, 1), pads: get('pads', 2 * nd, 0, 0) };
}

/** Rearranges column blocks [N, C * prod(block_shape), L] back into an image [N, C, image_shape...]. */
function inferCol2Im(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const img = ctx.input(1);
  const blk = ctx.input(2);
  if (x.shape && x.shape.length !== 3) ctx.fail(`input must be 3-D [N, C * prod(block_shape), L], got rank ${x.shape.length}`);
  if (img.shape && img.shape.length !== 1) ctx.fail(`image_shape must be 1-D, got rank ${img.shape.length}`);
  if (blk.shape && blk.shape.length !== 1) ctx.fail(`block_shape must be 1-D, got rank ${blk.shape.length}`);
  const nImg = img.symbolic?.length ?? img.shape?.[0];
  const nBlk = blk.symbolic?.length ?? blk.shape?.[0];
  if (typeof nImg === 'number' && typeof nBlk === 'number' && nImg !== nBlk) ctx.fail(`image_shape has ${nImg} values but block_shape has ${nBlk}`);
  const nd = typeof nImg === 'number' ? nImg : typeof nBlk === 'number' ? nBlk : undefined;
  if (nd === undefined) return [tensorType(x.elemType)];
  const { strides, dilations, pads } = col2imAttrs(ctx.attr, nd, (m) => ctx.fail(m));
  let c: Dim = null;
  const block = blk.symbolic;
  if (block && x.shape) {
    c = dimFloorDiv(x.shape[1]!, dimProduct(block));
    const bp = dimProduct(block);
    if (typeof x.shape[1] === 'number' && typeof bp === 'number' && x.shape[1] % bp !== 0) {
      ctx.fail(`input dim 1 (${x.shape[1]}) is not divisible by prod(block_shape) = ${bp}`);
    }
  }
  const image = img.symbolic ?? new Array<Dim>(nd).fill(null);
  if (block && img.symbolic && x.shape && block.every((d) => typeof d === 'number') && image.every((d) => typeof d === 'number')) {
    let l = 1;
    for (let i = 0; i < nd; i++) {
      l *= Math.floor(((image[i] as number) + pads[i]! + pads[nd + i]! - effectiveKernel(block[i] as number, dilations[i]!)) / strides[i]!) + 1;
    }
    if (dimConflicts(x.shape[2]!, l)) ctx.fail(`input has L = ${x.shape[2]} blocks, but the image and block shapes give ${l}`);
  }
  return [tensorType(x.elemType, [x.shape ? x.shape[0]! : null, c, ...image])];
}

/** For each column entry, the image position it adds to (-1 when it falls in the padding). */
function indexMap(channels: number, g: { inDims: number[]; outDims: number[]; kernel: number[]; strides: number[]; dilations: number[]; padsBegin: number[] }): Int32Array {
  const nd = g.inDims.length;
  const K = g.kernel.reduce((a, b) => a * b, 1);
  const L = g.outDims.reduce((a, b) => a * b, 1);
  const inSize = g.inDims.reduce((a, b) => a * b, 1);
  const map = new Int32Array(channels * K * L);
  const str = new Int32Array(nd);
  for (let d = nd - 1, acc = 1; d >= 0; d--) {
    str[d] = acc;
    acc *= g.inDims[d]!;
  }
  const k = new Int32Array(nd);
  const o = new Int32Array(nd);
  let i = 0;
  for (let c = 0; c < channels; c++) {
    k.fill(0);
    for (let kk = 0; kk < K; kk++) {
      o.fill(0);
      for (let l = 0; l < L; l++, i++) {
        let idx = c * inSize;
        for (let d = 0; d < nd; d++) {
          const coord = o[d]! * g.strides[d]! - g.padsBegin[d]! + k[d]! * g.dilations[d]!;
          if (coord < 0 || coord >= g.inDims[d]!) {
            idx = -1;
            break;
          }
          idx += coord * str[d]!;
        }
        map[i] = idx;
        for (let d = nd - 1; d >= 0; d--) {
          if (++o[d]! < g.outDims[d]!) break;
          o[d] = 0;
        }
      }
      for (let d = nd - 1; d >= 0; d--) {
        if (++k[d]! < g.kernel[d]!) break;
        k[d] = 0;
      }
    }
  }
  return map;
}

function col2imKernel(ctx: KernelContext) {
  const X = ctx.input(0);
  const image = toInts(ctx.input(1));
  const block = toInts(ctx.input(2));
  if (X.rank !== 3) ctx.fail(`input must be 3-D [N, C * prod(block_shape), L], got [${X.dims.join(',')}]`);
  const nd = image.length;
  if (block.length !== nd) ctx.fail(`image_shape has ${nd} values but block_shape has ${block.length}`);
  if (image.some((d) => d < 0) || block.some((d) => d < 1)) ctx.fail(`invalid image_shape [${image.join(',')}] or block_shape [${block.join(',')}]`);
  const { strides, dilations, pads } = col2imAttrs(ctx.attr, nd, (m) => ctx.fail(m));
  const K = block.reduce((a, b) => a * b, 1);
  const [N, CK, L] = X.dims as [number, number, number];
  if (CK % K !== 0) ctx.fail(`input dim 1 (${CK}) is not divisible by prod(block_shape) = ${K}`);
  const C = CK / K;
  const grid = image.map((d, i) => Math.floor((d + pads[i]! + pads[nd + i]! - effectiveKernel(block[i]!, dilations[i]!)) / strides[i]!) + 1);
  const gridSize = grid.reduce((a, b) => a * b, 1);
  if (grid.some((d) => d < 1) || gridSize !== L) ctx.fail(`input has L = ${L} blocks, but image_shape and block_shape give [${grid.join(',')}]`);
  const g = { inDims: image, outDims: grid, kernel: block, strides, dilations, padsBegin: pads.slice(0, nd) };
  const imgSize = image.reduce((a, b) => a * b, 1);
  const outDims = [N, C, ...image];
  const t = X.dtype;
  if (t === DataType.STRING || t === DataType.COMPLEX64 || t === DataType.COMPLEX128) ctx.fail(`cannot add overlapping ${dtypeName(t)} blocks`);
  if (isBigIntType(t) || t === DataType.BOOL) {
    // Exact integer sums (and logical or for bool) through an index map.
    const map = indexMap(C, g);
    const per = C * K * L;
    if (t === DataType.BOOL) {
      const x = X.data() as Uint8Array;
      const y = new Uint8Array(N * C * imgSize);
      for (let n = 0; n < N; n++) for (let i = 0; i < per; i++) if (map[i]! >= 0 && x[n * per + i]) y[n * C * imgSize + map[i]!] = 1;
      return [Tensor.fromData(t, outDims, y)];
    }
    const x = X.data() as BigInt64Array;
    const y = t === DataType.INT64 ? new BigInt64Array(N * C * imgSize) : new BigUint64Array(N * C * imgSize);
    for (let n = 0; n < N; n++) for (let i = 0; i < per; i++) if (map[i]! >= 0) (y as BigInt64Array)[n * C * imgSize + map[i]!]! += x[n * per + i]!;
    return [Tensor.fromData(t, outDims, y)];
  }
  const floatish = isNarrowFloat(t) || t === DataType.FLOAT || t === DataType.DOUBLE;
  const x = floatish ? toFloat(X) : toFloat64(X);
  const y = sameKind(x, N * C * imgSize);
  for (let n = 0; n < N; n++) col2im(x, n * CK * L, C, g, y, n * C * imgSize);
  // Integer types were summed exactly in float64; encodeFloats wraps them like C casts.
  return [Tensor.fromData(t, outDims, encodeFloats(t, y))];
}

export default defineOp({
  opType: 'Col2Im',
  category: 'nn',
  infer: inferCol2Im,
  kernel: col2imKernel,
  versions: [
    { since: 18, inputs: 'input:T, image_shape:tensor(int64), block_shape:tensor(int64)', outputs: 'output:T', attrs: { dilations: 'ints', pads: 'ints', strides: 'ints' }, types: { T: '$all_v13' } },
  ],
});
