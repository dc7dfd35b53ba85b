import { defineOp } from '../define.js';
import type { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { normalizeAxis } from '../helpers/axes.js';
import { stridesOf } from '../helpers/broadcast.js';
import { knownDims, knownInts } from '../helpers/const-input.js';
import { scalarOf, toInts } from '../helpers/convert.js';
import { dimMul } from '../helpers/dims.js';
import { gatherByTables } from '../helpers/layout.js';
import type { InferContext, KernelContext } from '../types.js';

/** Repeats `x` repeats[d] times along each axis d. */
function tile(x: Tensor, repeats: readonly number[], fail: (m: string) => never): Tensor {
  if (repeats.length !== x.rank) fail(`repeats has ${repeats.length} values for an input of rank ${x.rank}`);
  if (repeats.some((r) => r < 0)) fail(`repeats [${repeats.join(',')}] has a negative value`);
  const strides = stridesOf(x.dims);
  const outDims = x.dims.map((d, i) => d * repeats[i]!);
  const tables = outDims.map((n, a) => {
    const t = new Float64Array(n);
    const d = x.dims[a]!;
    for (let i = 0; i < n; i++) t[i] = (i % d) * strides[a]!;
    return t;
  });
  return gatherByTables(x, outDims, tables);
}

/** Each dim multiplied by its repeat count. */
function inferTile(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const repeats = knownDims(ctx, 1);
  if (!x.shape) return [tensorType(x.elemType, repeats?.map(() => null))];
  if (!repeats) return [tensorType(x.elemType, x.shape.map(() => null))];
  if (repeats.length !== x.shape.length) ctx.fail(`repeats has ${repeats.length} values for an input of rank ${x.shape.length}`);
  return [tensorType(x.elemType, x.shape.map((d, i) => dimMul(d, repeats[i]!)))];
}

function tileKernel(ctx: KernelContext) {
  return [tile(ctx.input(0), toInts(ctx.input(1)), (m) => ctx.fail(m))];
}

/** Tile-1: `tiles` copies along the single axis `axis` (both scalar inputs). */
function inferTile1(ctx: InferContext): (ValueType | undefined)[] {
  const x = ctx.input(0);
  const tiles = knownInts(ctx, 1);
  const axis = knownInts(ctx, 2);
  if (!x.shape) return [tensorType(x.elemType)];
  if (!tiles || !axis) return [tensorType(x.elemType, x.shape.map(() => null))];
  const a = normalizeAxis(axis[0]!, x.shape.length, (m) => ctx.fail(m));
  return [tensorType(x.elemType, x.shape.map((d, i): Dim => (i === a ? dimMul(d, tiles[0]!) : d)))];
}

function tile1Kernel(ctx: KernelContext) {
  const x = ctx.input(0);
  const a = normalizeAxis(scalarOf(ctx.input(2)), x.rank, (m) => ctx.fail(m));
  const repeats = x.dims.map((_, i) => (i === a ? scalarOf(ctx.input(1)) : 1));
  return [tile(x, repeats, (m) => ctx.fail(m))];
}

export default defineOp({
  opType: 'Tile',
  category: 'shape',
  infer: inferTile,
  kernel: tileKernel,
  flops: () => 0,
  versions: [
    { since: 1, inputs: 'input:T, tiles:T, axis:T', outputs: 'output:T', types: { T: 'float16 float double', T1: 'int64' }, infer: inferTile1, kernel: tile1Kernel },
    { since: 6, inputs: 'input:T, repeats:T1', outputs: 'output:T', types: { T: '$all_v1', T1: 'int64' } },
    { since: 13, inputs: 'input:T, repeats:T1', outputs: 'output:T', types: { T: '$all_v13', T1: 'int64' } },
  ],
});
