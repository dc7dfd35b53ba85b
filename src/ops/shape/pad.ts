import { defineOp } from '../define.js';
import type { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { normalizeAxes } from '../helpers/axes.js';
import { stridesOf } from '../helpers/broadcast.js';
import { knownDims, knownInts } from '../helpers/const-input.js';
import { encodeFloats, toInts } from '../helpers/convert.js';
import { dimAdd } from '../helpers/dims.js';
import { FILL, firstElement, gatherByTables, type Scalar } from '../helpers/layout.js';
import type { InferContext, KernelContext } from '../types.js';

type PadMode = 'constant' | 'reflect' | 'edge' | 'wrap';

function padMode(mode: string, wrap: boolean, fail: (m: string) => never): PadMode {
  if (mode === 'constant' || mode === 'reflect' || mode === 'edge' || (wrap && mode === 'wrap')) return mode;
  return fail(`mode "${mode}" is not one of constant, reflect, edge${wrap ? ', wrap' : ''}`);
}

/** [begin, end] pads per axis of a rank-`rank` tensor, from pads (all axes, or `axes`). */
function padsPerAxis<D>(pads: readonly D[], axes: readonly number[] | undefined, rank: number, zero: D, fail: (m: string) => never): [D, D][] {
  const ax = axes ? normalizeAxes(axes, rank, fail) : Array.from({ length: rank }, (_, i) => i);
  if (pads.length !== 2 * ax.length) fail(`pads has ${pads.length} values, expected ${2 * ax.length}`);
  const out = Array.from({ length: rank }, (): [D, D] => [zero, zero]);
  ax.forEach((a, i) => (out[a] = [pads[i]!, pads[i + ax.length]!]));
  return out;
}

/** Source index (in [0, m)) of padded position c (outside [0, m)) of an axis of m values. */
function mapIndex(c: number, m: number, mode: PadMode): number {
  switch (mode) {
    case 'edge':
      return c < 0 ? 0 : m - 1;
    case 'wrap':
      return ((c % m) + m) % m;
    case 'reflect': {
      if (m === 1) return 0;
      const period = 2 * (m - 1);
      const r = ((c % period) + period) % period;
      return r < m ? r : period - r;
    }
    default:
      return -1;
  }
}

/** Pads (negative pads crop first) with `fill` (constant) or by reflect / edge / wrap. */
function padTensor(x: Tensor, pads: readonly [number, number][], mode: PadMode, fill: Scalar | undefined, fail: (m: string) => never): Tensor {
  const strides = stridesOf(x.dims);
  const outDims: number[] = [];
  const tables = x.dims.map((n, a) => {
    const [b, e] = pads[a]!;
    const cropStart = Math.max(-b, 0);
    const m = n - cropStart - Math.max(-e, 0);
    if (m < 0) fail(`pads [${b}, ${e}] crop more than the ${n} values of axis ${a}`);
    const pb = Math.max(b, 0);
    const len = m + pb + Math.max(e, 0);
    if (m === 0 && len > 0 && mode !== 'constant') fail(`cannot pad an empty axis ${a} in ${mode} mode`);
    outDims.push(len);
    const t = new Float64Array(len);
    for (let o = 0; o < len; o++) {
      const c = o - pb;
      const src = c >= 0 && c < m ? c : mapIndex(c, m, mode);
      t[o] = src < 0 ? FILL : (cropStart + src) * strides[a]!;
    }
    return t;
  });
  return gatherByTables(x, outDims, tables, mode === 'constant' ? fill : undefined);
}

function paddedShape(ctx: InferContext, pads: readonly [Dim, Dim][] | undefined): (ValueType | undefined)[] {
  const x = ctx.input(0);
  if (!x.shape) return [tensorType(x.elemType)];
  if (!pads) return [tensorType(x.elemType, x.shape.map(() => null))];
  const dims = x.shape.map((d, a) => {
    const [b, e] = pads[a]!;
    const out = typeof b === 'number' && typeof e === 'number' ? dimAdd(d, b + e) : dimAdd(dimAdd(d, b), e);
    if (typeof out === 'number' && out < 0) ctx.fail(`pads [${pads[a]!.join(', ')}] crop more than dim ${a} (${d}) holds`);
    return out;
  });
  return [tensorType(x.elemType, dims)];
}

/** Pad-11+: pads (and, from 18, axes) are inputs; `wrap` mode from 19. */
function padInfer(wrap: boolean) {
  return function inferPad(ctx: InferContext): (ValueType | undefined)[] {
    padMode(ctx.attr.string('mode'), wrap, (m) => ctx.fail(m));
    const x = ctx.input(0);
    const pads = knownDims(ctx, 1);
    const axes = ctx.has(3) ? knownInts(ctx, 3) : undefined;
    if (!x.shape || !pads || (ctx.has(3) && !axes)) return paddedShape(ctx, undefined);
    return paddedShape(ctx, padsPerAxis<Dim>(pads, axes, x.shape.length, 0, (m) => ctx.fail(m)));
  };
}

function padKernel(wrap: boolean) {
  return function pad(ctx: KernelContext) {
    const x = ctx.input(0);
    const mode = padMode(ctx.attr.string('mode'), wrap, (m) => ctx.fail(m));
    const axesT = ctx.optionalInput(3);
    const pads = padsPerAxis(toInts(ctx.input(1)), axesT ? toInts(axesT) : undefined, x.rank, 0, (m) => ctx.fail(m));
    const cv = ctx.optionalInput(2);
    if (cv && cv.size !== 1) ctx.fail(`constant_value must hold one value, got shape [${cv.dims.join(',')}]`);
    return [padTensor(x, pads, mode, cv ? firstElement(cv) : undefined, (m) => ctx.fail(m))];
  };
}

/** Pad-1 and Pad-2: pads (`paddings` in Pad-1) and the float `value` are attributes. */
function attrPadInfer(padsAttr: string) {
  return function inferPadAttr(ctx: InferContext): (ValueType | undefined)[] {
    padMode(ctx.attr.string('mode'), false, (m) => ctx.fail(m));
    const x = ctx.input(0);
    if (!x.shape) return [tensorType(x.elemType)];
    return paddedShape(ctx, padsPerAxis<Dim>(ctx.attr.ints(padsAttr), undefined, x.shape.length, 0, (m) => ctx.fail(m)));
  };
}

function attrPadKernel(padsAttr: string) {
  return function padAttr(ctx: KernelContext) {
    const x = ctx.input(0);
    const mode = padMode(ctx.attr.string('mode'), false, (m) => ctx.fail(m));
    const pads = padsPerAxis(ctx.attr.ints(padsAttr), undefined, x.rank, 0, (m) => ctx.fail(m));
    const fill = encodeFloats(x.dtype, [ctx.attr.float('value')])[0]!;
    return [padTensor(x, pads, mode, fill, (m) => ctx.fail(m))];
  };
}

const noWrap = { infer: padInfer(false), kernel: padKernel(false) };

export default defineOp({
  opType: 'Pad',
  category: 'shape',
  infer: padInfer(true),
  kernel: padKernel(true),
  flops: () => 0,
  versions: [
    { since: 1, inputs: 'data:T', outputs: 'output:T', attrs: { mode: 'string=constant', paddings: 'ints!', value: 'float=0.0' }, types: { T: 'float16 float double' }, infer: attrPadInfer('paddings'), kernel: attrPadKernel('paddings') },
    { since: 2, inputs: 'data:T', outputs: 'output:T', attrs: { mode: 'string=constant', pads: 'ints!', value: 'float=0.0' }, types: { T: 'float16 float double' }, infer: attrPadInfer('pads'), kernel: attrPadKernel('pads') },
    { since: 11, inputs: 'data:T, pads:tensor(int64), constant_value?:T', outputs: 'output:T', attrs: { mode: 'string=constant' }, types: { T: '$numeric' }, ...noWrap },
    { since: 13, inputs: 'data:T, pads:tensor(int64), constant_value?:T', outputs: 'output:T', attrs: { mode: 'string=constant' }, types: { T: '$all_v13' }, ...noWrap },
    { since: 18, inputs: 'data:T, pads:tensor(int64), constant_value?:T, axes?:Tind', outputs: 'output:T', attrs: { mode: 'string=constant' }, types: { T: '$all_v13', Tind: 'int32 int64' }, ...noWrap },
    { since: 19, inputs: 'data:T, pads:tensor(int64), constant_value?:T, axes?:Tind', outputs: 'output:T', attrs: { mode: 'string=constant' }, types: { T: '$all_v13', Tind: 'int32 int64' } },
    { since: 21, inputs: 'data:T, pads:tensor(int64), constant_value?:T, axes?:Tind', outputs: 'output:T', attrs: { mode: 'string=constant' }, types: { T: '$all_v21', Tind: 'int32 int64' } },
    { since: 23, inputs: 'data:T, pads:tensor(int64), constant_value?:T, axes?:Tind', outputs: 'output:T', attrs: { mode: 'string=constant' }, types: { T: '$all_v23', Tind: 'int32 int64' } },
    { since: 24, inputs: 'data:T, pads:tensor(int64), constant_value?:T, axes?:Tind', outputs: 'output:T', attrs: { mode: 'string=constant' }, types: { T: '$all_v24', Tind: 'int32 int64' } },
    { since: 25, inputs: 'data:T, pads:tensor(int64), constant_value?:T, axes?:Tind', outputs: 'output:T', attrs: { mode: 'string=constant' }, types: { T: '$all_v25', Tind: 'int32 int64' } },
  ],
});
