import { defineOp } from '../define.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { encodeFloats, scalarOf, toFloat64 } from '../helpers/convert.js';
import { dimAdd, dimFloorDiv, dimSub } from '../helpers/dims.js';
import { fftPlan } from '../helpers/fft.js';
import type { FlopsContext, InferContext, KernelContext } from '../types.js';

function stftKernel(ctx: KernelContext) {
  const fail: (m: string) => never = (m) => ctx.fail(m);
  const signal = ctx.input(0);
  if (signal.rank !== 3) fail(`signal must have shape [batch, length, 1 or 2], got [${signal.dims.join(',')}]`);
  const [batch, length, lanes] = signal.dims as [number, number, number];
  if (lanes !== 1 && lanes !== 2) fail(`the last dim of signal must be 1 (real) or 2 (complex), got ${lanes}`);
  const step = scalarOf(ctx.input(1));
  if (!(step > 0)) fail(`frame_step must be positive, got ${step}`);
  const windowT = ctx.optionalInput(2);
  const lenT = ctx.optionalInput(3);
  if (windowT && windowT.rank !== 1) fail(`window must be 1-D, got rank ${windowT.rank}`);
  const frameLength = lenT ? scalarOf(lenT) : windowT ? windowT.dims[0]! : fail('one of window and frame_length must be given');
  if (!Number.isInteger(frameLength) || frameLength < 1) fail(`frame_length must be a positive integer, got ${frameLength}`);
  if (windowT && windowT.dims[0] !== frameLength) fail(`window has ${windowT.dims[0]} values but frame_length is ${frameLength}`);
  if (frameLength > length) fail(`frame_length ${frameLength} is longer than the signal (${length})`);
  const onesided = ctx.attr.int('onesided') !== 0;
  if (onesided && lanes === 2) fail('onesided output needs a real signal');
  const frames = Math.floor((length - frameLength) / step) + 1;
  const bins = onesided ? (frameLength >> 1) + 1 : frameLength;
  const x = toFloat64(signal);
  const win = windowT ? toFloat64(windowT) : undefined;
  const out = new Float64Array(batch * frames * bins * 2);
  const plan = fftPlan(frameLength);
  const re = new Float64Array(frameLength);
  const im = new Float64Array(frameLength);
  for (let b = 0; b < batch; b++) {
    for (let f = 0; f < frames; f++) {
      const start = f * step;
      for (let t = 0; t < frameLength; t++) {
        const w = win ? win[t]! : 1;
        const src = (b * length + start + t) * lanes;
        re[t] = x[src]! * w;
        im[t] = lanes === 2 ? x[src + 1]! * w : 0;
      }
      plan.run(re, im, false);
      const dst = (b * frames + f) * bins * 2;
      for (let k = 0; k < bins; k++) {
        out[dst + 2 * k] = re[k]!;
        out[dst + 2 * k + 1] = im[k]!;
      }
    }
  }
  return [Tensor.fromData(signal.dtype, [batch, frames, bins, 2], encodeFloats(signal.dtype, out))];
}

function inferStft(ctx: InferContext): (ValueType | undefined)[] {
  const signal = ctx.input(0);
  const s = signal.shape;
  if (s && s.length !== 3) ctx.fail(`signal must have shape [batch, length, 1 or 2], got rank ${s.length}`);
  const onesided = ctx.attr.int('onesided') !== 0;
  if (s && onesided && s[2] === 2) ctx.fail('onesided output needs a real signal');
  const scalar = (i: number): Dim => {
    if (!ctx.has(i)) return null;
    const v = ctx.input(i).symbolic;
    return v && v.length === 1 ? v[0]! : null;
  };
  let frameLength: Dim = scalar(3);
  if (frameLength === null && ctx.has(2)) {
    const w = ctx.input(2).shape;
    if (w && w.length !== 1) ctx.fail(`window must be 1-D, got rank ${w.length}`);
    frameLength = w ? w[0]! : null;
  }
  const step = scalar(1);
  const length = s ? s[1]! : null;
  // floor((length - frame_length) / step) + 1, symbolically when the signal length is a symbol.
  const frames =
    typeof step === 'number' && step > 0 && frameLength !== null && length !== null
      ? dimAdd(dimFloorDiv(dimSub(length, frameLength), step), 1)
      : null;
  const bins = frameLength === null ? null : onesided ? dimAdd(dimFloorDiv(frameLength, 2), 1) : frameLength;
  return [tensorType(signal.elemType, [s ? s[0]! : null, frames, bins, 2])];
}

/** About 5 n log2 n per frame. */
function stftFlops(ctx: FlopsContext): number | undefined {
  const out = ctx.outputShape(0);
  if (!out) return undefined;
  const n = Math.max(2, out[2]!);
  return Math.round(5 * out[0]! * out[1]! * n * Math.log2(n));
}

/** STFT: DFTs of (windowed) frames of a signal taken every frame_step samples. */
export default defineOp({
  opType: 'STFT',
  category: 'signal',
  infer: inferStft,
  kernel: stftKernel,
  flops: stftFlops,
  versions: [
    { since: 17, inputs: 'signal:T1, frame_step:T2, window?:T1, frame_length?:T2', outputs: 'output:T1', attrs: { onesided: 'int=1' }, types: { T1: 'float float16 double bfloat16', T2: 'int32 int64' } },
  ],
});
