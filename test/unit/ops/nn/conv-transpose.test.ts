import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import type { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

function rand(n: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 1073741824 - 1;
  });
}

/** Naive 2-D transposed convolution: scatter x[c, i, j] * w[c, m, u, v] to (i*s + u*d - pad, j*s + v*d - pad). */
function naive2d(x: number[], xd: number[], w: number[], wd: number[], group: number, s: number[], d: number[], padBegin: number[], out: number[]): number[] {
  const [N, C, H, W] = xd as [number, number, number, number];
  const [, Mg, KH, KW] = wd as [number, number, number, number];
  const M = Mg * group;
  const Cg = C / group;
  const y = new Array(N * M * out[0]! * out[1]!).fill(0);
  for (let n = 0; n < N; n++)
    for (let c = 0; c < C; c++)
      for (let i = 0; i < H; i++)
        for (let j = 0; j < W; j++)
          for (let ml = 0; ml < Mg; ml++)
            for (let u = 0; u < KH; u++)
              for (let v = 0; v < KW; v++) {
                const oi = i * s[0]! + u * d[0]! - padBegin[0]!;
                const oj = j * s[1]! + v * d[1]! - padBegin[1]!;
                if (oi < 0 || oj < 0 || oi >= out[0]! || oj >= out[1]!) continue;
                const m = Math.floor(c / Cg) * Mg + ml;
                y[((n * M + m) * out[0]! + oi) * out[1]! + oj] += x[((n * C + c) * H + i) * W + j]! * w[((c * Mg + ml) * KH + u) * KW + v]!;
              }
  return y;
}

describe('ConvTranspose', () => {
  it('matches a naive transposed convolution with groups, dilations, pads and output_padding', () => {
    const xd = [2, 4, 3, 4];
    const wd = [4, 3, 2, 3];
    const x = rand(96, 5);
    const w = rand(72, 6);
    const attrs = { group: 2, strides: [2, 3], dilations: [2, 1], pads: [1, 0, 0, 2], output_padding: [1, 2] };
    const out = [2 * 2 + 1 + 3 - 1 - 0, 3 * 3 + 2 + 3 - 0 - 2];
    const [y] = runOp('ConvTranspose', [f32(xd, x), f32(wd, w)], attrs);
    expect((y as Tensor).dims).toEqual([2, 6, ...out]);
    const ref = naive2d(x, xd, w, wd, 2, [2, 3], [2, 1], [1, 0], out);
    values(y!).forEach((v, i) => expect(v).toBeCloseTo(ref[i]!, 4));
  });

  it('adds the bias to every output position, including output_padding', () => {
    const [y] = runOp('ConvTranspose', [f32([1, 1, 1, 1], [2]), f32([1, 1, 1, 1], [3]), f32([1], [0.5])], { strides: [2, 2], output_padding: [1, 1] });
    expect((y as Tensor).dims).toEqual([1, 1, 2, 2]);
    expect(values(y!)).toEqual([6.5, 0.5, 0.5, 0.5]);
  });

  it('splits a SAME padding differently in opset 1 and opset 11', () => {
    // in 3, stride 2, kernel 2 -> total padding 2*2 + 2 - 6 = 0; with kernel 3 it is 1 (odd).
    const x = f32([1, 1, 3], [1, 2, 3]);
    const w = f32([1, 1, 3], [1, 10, 100]);
    const [y11] = runOp('ConvTranspose', [x, w], { auto_pad: 'SAME_UPPER', strides: [2] }, { opset: 11 });
    const [y1] = runOp('ConvTranspose', [x, w], { auto_pad: 'SAME_UPPER', strides: [2] }, { opset: 1 });
    // Full output (before cropping): [1, 10, 102, 20, 203, 30, 300]; SAME_UPPER-11 crops 0 at the start.
    expect(values(y11!)).toEqual([1, 10, 102, 20, 203, 30]);
    expect(values(y1!)).toEqual([10, 102, 20, 203, 30, 300]);
  });

  it('derives pads from output_shape', () => {
    const x = f32([1, 1, 2], [1, 2]);
    const w = f32([1, 1, 2], [1, 1]);
    // Natural size 2*1 + 2 = 4; output_shape 3 -> total padding 1, the larger half at the start (opset 11).
    const [y] = runOp('ConvTranspose', [x, w], { strides: [2], output_shape: [3] });
    expect(values(y!)).toEqual([1, 2, 2]);
    const [z] = runOp('ConvTranspose', [x, w], { strides: [2], output_shape: [1, 1, 5] });
    expect(values(z!)).toEqual([1, 1, 2, 2, 0]);
  });

  it('infers symbolic and explicit output sizes', () => {
    const x = tensorType(DataType.FLOAT, ['N', 8, 'H', 7]);
    const w = tensorType(DataType.FLOAT, [8, 2, 3, 3]);
    expect(inferOp('ConvTranspose', [x, w], { group: 2, strides: [2, 2], pads: [1, 1, 1, 1], output_padding: [1, 0] }).types[0]).toEqual(
      tensorType(DataType.FLOAT, ['N', 4, '2*H', 13]),
    );
    expect(inferOp('ConvTranspose', [x, w], { auto_pad: 'SAME_LOWER', strides: [3, 2] }).types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 2, '3*H', 14]));
    expect(inferOp('ConvTranspose', [x, w], { output_shape: [20, 21] }).types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 2, 20, 21]));
    const bad = inferOp('ConvTranspose', [x, tensorType(DataType.FLOAT, [4, 2, 3, 3])]);
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
    const badPad = inferOp('ConvTranspose', [x, w], { strides: [2, 2], output_padding: [2, 0] });
    expect(badPad.diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
  });
});
