import { defineOp } from '../define.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { normalizeAxis } from '../helpers/axes.js';
import { sizeOf, toInts } from '../helpers/convert.js';
import { dimConflicts } from '../helpers/dims.js';
import { ScatterTarget } from '../helpers/scatter.js';
import type { InferContext, KernelContext } from '../types.js';

function cacheAxis(axis: number, rank: number, fail: (m: string) => never): number {
  const a = normalizeAxis(axis, rank, fail);
  if (a === 0) fail('axis cannot be 0 (the batch axis)');
  return a;
}

function cacheMode(mode: string, fail: (m: string) => never): 'linear' | 'circular' {
  if (mode === 'linear' || mode === 'circular') return mode;
  return fail(`mode "${mode}" is not linear or circular`);
}

/** present_cache = past_cache with `update` written along `axis` from each batch's write index. */
function inferTensorScatter(ctx: InferContext): (ValueType | undefined)[] {
  const past = ctx.input(0);
  const upd = ctx.input(1);
  cacheMode(ctx.attr.string('mode'), (m) => ctx.fail(m));
  if (past.shape) {
    const axis = cacheAxis(ctx.attr.int('axis'), past.shape.length, (m) => ctx.fail(m));
    if (upd.shape) {
      if (upd.shape.length !== past.shape.length) ctx.fail(`update has rank ${upd.shape.length}, past_cache ${past.shape.length}`);
      upd.shape.forEach((d, i) => {
        if (i !== axis && dimConflicts(d, past.shape![i]!)) ctx.fail(`update and past_cache differ in dim ${i} (${d} vs ${past.shape![i]})`);
      });
    }
  }
  return [tensorType(past.elemType || upd.elemType, past.shape)];
}

function tensorScatterKernel(ctx: KernelContext) {
  const past = ctx.input(0);
  const update = ctx.input(1);
  const wi = ctx.optionalInput(2);
  const fail = (m: string): never => ctx.fail(m);
  const circular = cacheMode(ctx.attr.string('mode'), fail) === 'circular';
  const rank = past.rank;
  const axis = cacheAxis(ctx.attr.int('axis'), rank, fail);
  if (update.rank !== rank || update.dims.some((d, i) => i !== axis && d !== past.dims[i])) {
    ctx.fail(`update [${update.dims.join(',')}] does not fit past_cache [${past.dims.join(',')}] on axis ${axis}`);
  }
  const maxLen = past.dims[axis]!;
  const seqLen = update.dims[axis]!;
  const batch = past.dims[0]!;
  const writeAt = wi ? toInts(wi) : new Array<number>(batch).fill(0);
  if (writeAt.length !== batch) ctx.fail(`write_indices has ${writeAt.length} values for a batch of ${batch}`);
  const prefix = sizeOf(past.dims.slice(0, axis));
  const perBatch = prefix / batch;
  const inner = sizeOf(past.dims.slice(axis + 1));
  const target = new ScatterTarget(past, update, 'none', fail);
  for (let p = 0; p < prefix; p++) {
    const start = writeAt[Math.floor(p / perBatch)]!;
    for (let s = 0; s < seqLen; s++) {
      let at = start + s;
      if (circular) at = ((at % maxLen) + maxLen) % maxLen;
      else if (at < 0 || at >= maxLen) ctx.fail(`write index ${at} is out of range for a cache of ${maxLen}`);
      target.write((p * maxLen + at) * inner, (p * seqLen + s) * inner, inner);
    }
  }
  return [target.result()];
}

export default defineOp({
  opType: 'TensorScatter',
  category: 'tensor',
  infer: inferTensorScatter,
  kernel: tensorScatterKernel,
  flops: () => 0,
  versions: [
    { since: 24, inputs: 'past_cache:T, update:T, write_indices?:tensor(int64)', outputs: 'present_cache:T', attrs: { axis: 'int=-2', mode: 'string=linear' }, types: { T: '$all_v24' } },
  ],
});
