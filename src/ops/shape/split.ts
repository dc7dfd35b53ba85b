import { defineOp } from '../define.js';
import type { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { normalizeAxis } from '../helpers/axes.js';
import { stridesOf } from '../helpers/broadcast.js';
import { knownInts } from '../helpers/const-input.js';
import { toInts } from '../helpers/convert.js';
import { dimCeilDiv, dimFloorDiv, dimMul, dimSub } from '../helpers/dims.js';
import { axisTable, gatherByTables } from '../helpers/layout.js';
import type { AttrReader } from '../attr-reader.js';
import type { InferContext, KernelContext } from '../types.js';

/** Where the split sizes come from in each version. */
type SplitSource = 'attr' | 'input' | 'either';

/** The split sizes of a node, undefined when not given (equal parts); null when given but unknown. */
function givenSplit(source: SplitSource, attr: AttrReader, input: () => number[] | undefined | null): number[] | undefined | null {
  if (source !== 'attr') {
    const v = input();
    if (v !== undefined) return v;
  }
  if (source !== 'input') return attr.optInts('split');
  return undefined;
}

/** Sizes of `parts` parts of a dim: equal (must divide), or with num_outputs the last one smaller. */
function equalParts(dim: Dim, parts: number, ceil: boolean, fail: (m: string) => never): Dim[] {
  if (parts < 1) fail(`cannot split into ${parts} parts`);
  if (typeof dim === 'number') {
    if (!ceil) {
      if (dim % parts !== 0) fail(`dim ${dim} cannot be split into ${parts} equal parts`);
      return new Array<Dim>(parts).fill(dim / parts);
    }
    const chunk = Math.ceil(dim / parts);
    const last = dim - chunk * (parts - 1);
    if (last < 0) fail(`dim ${dim} cannot be split into ${parts} parts of ${chunk}`);
    return [...new Array<Dim>(parts - 1).fill(chunk), last];
  }
  if (!ceil) return new Array<Dim>(parts).fill(dimFloorDiv(dim, parts));
  const chunk = dimCeilDiv(dim, parts);
  return [...new Array<Dim>(parts - 1).fill(chunk), dimSub(dim, dimMul(chunk, parts - 1))];
}

function splitTensor(x: Tensor, axis: number, sizes: readonly number[]): Tensor[] {
  const strides = stridesOf(x.dims);
  let at = 0;
  return sizes.map((n) => {
    const dims = [...x.dims];
    dims[axis] = n;
    const tables = dims.map((d, a) => {
      const t = axisTable(d, strides[a]!);
      if (a === axis) for (let i = 0; i < n; i++) t[i]! += at * strides[a]!;
      return t;
    });
    at += n;
    return gatherByTables(x, dims, tables);
  });
}

/** Splits along `axis` into the given sizes, or equal parts (num_outputs: the last one smaller). */
function splitInfer(source: SplitSource) {
  return function inferSplit(ctx: InferContext): (ValueType | undefined)[] {
    const x = ctx.input(0);
    const n = ctx.outputCount;
    const split = givenSplit(source, ctx.attr, () => (ctx.has(1) ? (knownInts(ctx, 1) ?? null) : undefined));
    if (!x.shape) return new Array(n).fill(tensorType(x.elemType));
    const axis = normalizeAxis(ctx.attr.optInt('axis') ?? 0, x.shape.length, (m) => ctx.fail(m));
    const dim = x.shape[axis]!;
    let sizes: Dim[];
    if (split === null) sizes = new Array<Dim>(n).fill(null);
    else if (split) {
      if (split.length !== n) ctx.fail(`split has ${split.length} values for ${n} outputs`);
      if (split.some((v) => v < 0)) ctx.fail(`split [${split.join(',')}] has a negative size`);
      const total = split.reduce((a, b) => a + b, 0);
      if (typeof dim === 'number' && total !== dim) ctx.fail(`split [${split.join(',')}] sums to ${total}, not ${dim}`);
      sizes = split;
    } else {
      const numOutputs = ctx.attr.optInt('num_outputs');
      if (numOutputs !== undefined && numOutputs !== n) ctx.fail(`num_outputs is ${numOutputs} but the node has ${n} outputs`);
      sizes = equalParts(dim, n, numOutputs !== undefined, (m) => ctx.fail(m));
    }
    if (x.symbolic && x.shape.length === 1 && sizes.every((d) => typeof d === 'number')) {
      let at = 0;
      sizes.forEach((d, i) => {
        ctx.setSymbolic(i, x.symbolic!.slice(at, at + (d as number)));
        at += d as number;
      });
    }
    return sizes.map((d) => tensorType(x.elemType, x.shape!.map((v, i) => (i === axis ? d : v))));
  };
}

function splitKernel(source: SplitSource) {
  return function split(ctx: KernelContext) {
    const x = ctx.input(0);
    const n = ctx.outputCount;
    const axis = normalizeAxis(ctx.attr.optInt('axis') ?? 0, x.rank, (m) => ctx.fail(m));
    const given = givenSplit(source, ctx.attr, () => {
      const t = ctx.optionalInput(1);
      return t ? toInts(t) : undefined;
    });
    let sizes: number[];
    if (given) {
      if (given.length !== n) ctx.fail(`split has ${given.length} values for ${n} outputs`);
      if (given.some((v) => v < 0) || given.reduce((a, b) => a + b, 0) !== x.dims[axis]) {
        ctx.fail(`split [${given.join(',')}] does not divide dim ${x.dims[axis]}`);
      }
      sizes = given;
    } else sizes = equalParts(x.dims[axis]!, n, ctx.attr.optInt('num_outputs') !== undefined, (m) => ctx.fail(m)) as number[];
    return splitTensor(x, axis, sizes);
  };
}

export default defineOp({
  opType: 'Split',
  category: 'shape',
  infer: splitInfer('input'),
  kernel: splitKernel('input'),
  flops: () => 0,
  versions: [
    { since: 1, inputs: 'input:T, split?:T', outputs: 'outputs...:T', attrs: { axis: 'int', split: 'ints' }, types: { T: 'float16 float double' }, infer: splitInfer('either'), kernel: splitKernel('either') },
    { since: 2, inputs: 'input:T', outputs: 'outputs...:T', attrs: { axis: 'int=0', split: 'ints' }, types: { T: '$all_v1' }, infer: splitInfer('attr'), kernel: splitKernel('attr') },
    { since: 11, inputs: 'input:T', outputs: 'outputs...:T', attrs: { axis: 'int=0', split: 'ints' }, types: { T: '$all_v1' }, infer: splitInfer('attr'), kernel: splitKernel('attr') },
    { since: 13, inputs: 'input:T, split?:tensor(int64)', outputs: 'outputs...:T', attrs: { axis: 'int=0' }, types: { T: '$all_v13' } },
    { since: 18, inputs: 'input:T, split?:tensor(int64)', outputs: 'outputs...:T', attrs: { axis: 'int=0', num_outputs: 'int' }, types: { T: '$all_v13' } },
  ],
});
