import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import type { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { toFloat } from '../helpers/convert.js';
import { dimConflicts } from '../helpers/dims.js';
import { computeBuffer, fromCompute } from '../helpers/normalize.js';
import type { FloatArray } from '../helpers/softmax.js';
import type { InferContext, KernelContext } from '../types.js';

interface BnResult {
  y: Tensor;
  /** Statistics of this batch per channel (training only). */
  mean?: Float64Array;
  var?: Float64Array;
}

/**
 * Normalizes X per channel (axis 1; a 1-D X is one channel). With `spatial` false (old versions)
 * every element of one sample is its own channel. `training` uses the batch statistics.
 */
function normalize(ctx: KernelContext, training: boolean, spatial: boolean): BnResult {
  const x = ctx.input(0);
  if (x.rank === 0) ctx.fail('X must have rank >= 1');
  const n = x.dims[0]!;
  let channels = x.rank >= 2 ? x.dims[1]! : 1;
  let inner = 1;
  for (let i = 2; i < x.rank; i++) inner *= x.dims[i]!;
  if (!spatial) {
    channels *= inner;
    inner = 1;
  }
  const params: FloatArray[] = [];
  for (let i = 1; i <= 4; i++) {
    const p = ctx.input(i);
    if (p.size !== channels) ctx.fail(`input ${i} has ${p.size} values, expected ${channels} (one per channel)`);
    params.push(toFloat(p));
  }
  const [scale, bias, inMean, inVar] = params as [FloatArray, FloatArray, FloatArray, FloatArray];
  const eps = ctx.attr.float('epsilon');
  const xs = toFloat(x);
  const out = computeBuffer(x.dtype, x.size);
  const plane = channels * inner;
  let mean: Float64Array | undefined;
  let variance: Float64Array | undefined;
  if (training) {
    mean = new Float64Array(channels);
    variance = new Float64Array(channels);
    const count = n * inner;
    for (let c = 0; c < channels; c++) {
      let s = 0;
      for (let b = 0; b < n; b++) {
        const off = b * plane + c * inner;
        for (let i = 0; i < inner; i++) s += xs[off + i]!;
      }
      const m = s / count;
      let ss = 0;
      for (let b = 0; b < n; b++) {
        const off = b * plane + c * inner;
        for (let i = 0; i < inner; i++) {
          const d = xs[off + i]! - m;
          ss += d * d;
        }
      }
      mean[c] = m;
      variance[c] = ss / count;
    }
  }
  for (let c = 0; c < channels; c++) {
    const m = mean ? mean[c]! : inMean[c]!;
    const v = variance ? variance[c]! : inVar[c]!;
    const k = scale[c]! / Math.sqrt(v + eps);
    const b0 = bias[c]!;
    for (let b = 0; b < n; b++) {
      const off = b * plane + c * inner;
      for (let i = 0; i < inner; i++) out[off + i] = (xs[off + i]! - m) * k + b0;
    }
  }
  const res: BnResult = { y: fromCompute(x.dtype, x.dims, out) };
  if (mean) res.mean = mean;
  if (variance) res.var = variance;
  return res;
}

/** running = input * momentum + batch * (1 - momentum), in the dtype and shape of `input`. */
function running(input: Tensor, batch: Float64Array, momentum: number): Tensor {
  const cur = toFloat(input);
  const out = computeBuffer(input.dtype, cur.length);
  for (let i = 0; i < cur.length; i++) out[i] = cur[i]! * momentum + batch[i]! * (1 - momentum);
  return fromCompute(input.dtype, input.dims, out);
}

/** Batch statistics as a tensor of the dtype and shape of `like`. */
function statTensor(like: Tensor, values: Float64Array): Tensor {
  return fromCompute(like.dtype, like.dims, like.dtype === DataType.DOUBLE ? values : Float32Array.from(values));
}

/** Opset 14+: `training_mode` chooses the statistics; outputs Y, running_mean, running_var. */
function bnKernel(ctx: KernelContext) {
  const training = ctx.attr.int('training_mode') === 1;
  const r = normalize(ctx, training, true);
  const momentum = ctx.attr.float('momentum');
  const outs: (Tensor | undefined)[] = [r.y];
  for (let o = 1; o < ctx.outputCount; o++) {
    const input = ctx.input(o + 2);
    const stat = o === 1 ? r.mean : r.var;
    if (!ctx.outputNeeded(o)) outs.push(undefined);
    else outs.push(stat ? running(input, stat, momentum) : input);
  }
  return outs;
}

/**
 * Before opset 14: training when more than Y is asked for (and `is_test` is 0 where it exists);
 * outputs Y, running mean, running var, saved (batch) mean, saved (batch) var.
 */
function legacyBnKernel(ctx: KernelContext) {
  let extra = false;
  for (let o = 1; o < ctx.outputCount; o++) if (ctx.outputNeeded(o)) extra = true;
  const training = extra && (ctx.attr.optInt('is_test') ?? 0) === 0;
  const r = normalize(ctx, training, (ctx.attr.optInt('spatial') ?? 1) !== 0);
  const momentum = ctx.attr.float('momentum');
  const outs: (Tensor | undefined)[] = [r.y];
  for (let o = 1; o < ctx.outputCount; o++) {
    // Outputs 1 and 3 are about the mean (input 3), outputs 2 and 4 about the variance (input 4).
    const input = ctx.input(o % 2 === 1 ? 3 : 4);
    const stat = o % 2 === 1 ? r.mean : r.var;
    if (!ctx.outputNeeded(o)) outs.push(undefined);
    else if (!stat) outs.push(input);
    else outs.push(o <= 2 ? running(input, stat, momentum) : statTensor(input, stat));
  }
  return outs;
}

function channelDim(x: readonly Dim[]): Dim {
  return x.length >= 2 ? x[1]! : 1;
}

/** Checks the per-channel inputs against X's channel dim; returns Y's type and the channel dim. */
function inferY(ctx: InferContext, spatial: boolean): { y: ValueType | undefined; c: Dim } {
  const x = ctx.input(0);
  const c = x.shape ? channelDim(x.shape) : null;
  if (x.shape && x.shape.length === 0) ctx.fail('X must have rank >= 1');
  if (spatial) {
    for (let i = 1; i <= 4; i++) {
      const p = ctx.input(i).shape;
      if (p && p.length === 1 && dimConflicts(p[0]!, c)) ctx.fail(`input ${i} has ${p[0]} values, expected ${c} (one per channel)`);
    }
  }
  return { y: x.type, c };
}

function inferBn(ctx: InferContext): (ValueType | undefined)[] {
  const { y, c } = inferY(ctx, true);
  const extra = ctx.node.outputs.slice(1).some((o) => o.name !== '');
  if (extra && ctx.attr.int('training_mode') !== 1) {
    ctx.warn('training_mode is 0: the outputs running_mean and running_var are not defined');
  }
  const outs: (ValueType | undefined)[] = [y];
  for (let o = 1; o < ctx.outputCount; o++) {
    const src = ctx.input(o + 2);
    outs.push(tensorType(src.elemType, src.shape ?? (c !== null ? [c] : undefined)));
  }
  return outs;
}

function inferLegacyBn(ctx: InferContext): (ValueType | undefined)[] {
  const spatial = (ctx.attr.optInt('spatial') ?? 1) !== 0;
  const { y, c } = inferY(ctx, spatial);
  const outs: (ValueType | undefined)[] = [y];
  for (let o = 1; o < ctx.outputCount; o++) {
    const src = ctx.input(o % 2 === 1 ? 3 : 4);
    outs.push(tensorType(ctx.input(0).elemType, src.shape ?? (spatial && c !== null ? [c] : undefined)));
  }
  return outs;
}

/** Y = (X - mean) / sqrt(var + epsilon) * scale + B per channel; training mode uses the batch statistics. */
export default defineOp({
  opType: 'BatchNormalization',
  category: 'normalization',
  infer: inferBn,
  kernel: bnKernel,
  flops: (ctx) => {
    const s = ctx.inputShape(0);
    return s ? 2 * s.reduce((a, b) => a * b, 1) : undefined;
  },
  versions: [
    { since: 1, inputs: 'X:T, scale:T, B:T, mean:T, var:T', outputs: 'Y:T, mean?:T, var?:T, saved_mean?:T, saved_var?:T', attrs: { consumed_inputs: 'ints!', epsilon: 'float=1e-05', is_test: 'int=0', momentum: 'float=0.9', spatial: 'int=1' }, types: { T: 'float16 float double' }, infer: inferLegacyBn, kernel: legacyBnKernel },
    { since: 6, inputs: 'X:T, scale:T, B:T, mean:T, var:T', outputs: 'Y:T, mean?:T, var?:T, saved_mean?:T, saved_var?:T', attrs: { epsilon: 'float=1e-05', is_test: 'int=0', momentum: 'float=0.9', spatial: 'int=1' }, types: { T: 'float16 float double' }, infer: inferLegacyBn, kernel: legacyBnKernel },
    { since: 7, inputs: 'X:T, scale:T, B:T, mean:T, var:T', outputs: 'Y:T, mean?:T, var?:T, saved_mean?:T, saved_var?:T', attrs: { epsilon: 'float=1e-05', momentum: 'float=0.9', spatial: 'int=1' }, types: { T: 'float16 float double' }, infer: inferLegacyBn, kernel: legacyBnKernel },
    { since: 9, inputs: 'X:T, scale:T, B:T, mean:T, var:T', outputs: 'Y:T, mean?:T, var?:T, saved_mean?:T, saved_var?:T', attrs: { epsilon: 'float=1e-05', momentum: 'float=0.9' }, types: { T: 'float16 float double' }, infer: inferLegacyBn, kernel: legacyBnKernel },
    { since: 14, inputs: 'X:T, scale:T, B:T, input_mean:U, input_var:U', outputs: 'Y:T, running_mean?:U, running_var?:U', attrs: { epsilon: 'float=1e-05', momentum: 'float=0.9', training_mode: 'int=0' }, types: { T: 'float16 float double bfloat16', U: 'float16 float double bfloat16' } },
    { since: 15, inputs: 'X:T, scale:T1, B:T1, input_mean:T2, input_var:T2', outputs: 'Y:T, running_mean?:T2, running_var?:T2', attrs: { epsilon: 'float=1e-05', momentum: 'float=0.9', training_mode: 'int=0' }, types: { T: 'float16 float double bfloat16', T1: 'float16 float double bfloat16', T2: 'float16 float double bfloat16' } },
  ],
});
