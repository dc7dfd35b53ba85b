import { defineOp } from '../define.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { scalarOf, tensorFromFloats } from '../helpers/convert.js';
import { dimAdd, dimFloorDiv } from '../helpers/dims.js';
import { numericOutputType } from '../helpers/window.js';
import type { InferContext, KernelContext } from '../types.js';

const hzToMel = (f: number): number => 2595 * Math.log10(1 + f / 700);
const melToHz = (m: number): number => 700 * (10 ** (m / 2595) - 1);

function melKernel(ctx: KernelContext) {
  const fail: (m: string) => never = (m) => ctx.fail(m);
  const bins = scalarOf(ctx.input(0));
  const dftLength = scalarOf(ctx.input(1));
  const rate = scalarOf(ctx.input(2));
  const lower = scalarOf(ctx.input(3));
  const upper = scalarOf(ctx.input(4));
  const dtype = numericOutputType(ctx.attr, fail);
  if (bins < 1) fail(`num_mel_bins must be positive, got ${bins}`);
  if (dftLength < 1) fail(`dft_length must be positive, got ${dftLength}`);
  if (rate <= 0) fail(`sample_rate must be positive, got ${rate}`);
  if (lower < 0 || upper < lower) fail(`the edges must satisfy 0 <= lower_edge_hertz <= upper_edge_hertz, got ${lower} and ${upper}`);
  const spectrogramBins = Math.floor(dftLength / 2) + 1;
  // num_mel_bins + 2 points evenly spaced on the mel scale, mapped to spectrogram bin indices.
  const lowMel = hzToMel(lower);
  const melStep = (hzToMel(upper) - lowMel) / (bins + 2);
  const edges = new Int32Array(bins + 2);
  for (let i = 0; i < bins + 2; i++) edges[i] = Math.floor(((dftLength + 1) * melToHz(lowMel + i * melStep)) / rate);
  const out = new Float64Array(spectrogramBins * bins);
  const set = (row: number, col: number, v: number) => {
    if (row < 0 || row >= spectrogramBins) fail(`mel band ${col} reaches spectrogram bin ${row}, past the ${spectrogramBins} bins (upper_edge_hertz above the Nyquist frequency?)`);
    out[row * bins + col] = v;
  };
  for (let i = 0; i < bins; i++) {
    const left = edges[i]!;
    const center = edges[i + 1]!;
    const right = edges[i + 2]!;
    if (center === left) set(center, i, 1);
    else for (let j = left; j <= center; j++) set(j, i, (j - left) / (center - left));
    if (right > center) for (let j = center; j < right; j++) set(j, i, (right - j) / (right - center));
  }
  return [tensorFromFloats(dtype, [spectrogramBins, bins], out)];
}

function inferMel(ctx: InferContext): (ValueType | undefined)[] {
  const dtype = numericOutputType(ctx.attr, (m) => ctx.fail(m));
  const scalar = (i: number): Dim => {
    const v = ctx.input(i).symbolic;
    return v && v.length === 1 ? v[0]! : null;
  };
  const dftLength = scalar(1);
  return [tensorType(dtype, [dftLength === null ? null : dimAdd(dimFloorDiv(dftLength, 2), 1), scalar(0)])];
}

/** MelWeightMatrix: triangular mel filterbank weights over the one-sided DFT bins. */
export default defineOp({
  opType: 'MelWeightMatrix',
  category: 'signal',
  infer: inferMel,
  kernel: melKernel,
  versions: [
    { since: 17, inputs: 'num_mel_bins:T1, dft_length:T1, sample_rate:T1, lower_edge_hertz:T2, upper_edge_hertz:T2', outputs: 'output:T3', attrs: { output_datatype: 'int=1' }, types: { T1: 'int32 int64', T2: 'float float16 double bfloat16', T3: '$numeric_v13' } },
  ],
});
