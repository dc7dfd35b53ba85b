import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import type { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { tensorFromFloats, toFloat32 } from '../../../../src/ops/helpers/convert.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

// X: N=2, C=2, 2 values per channel and sample. Channel 0 holds 1,2,3,4; channel 1 holds 0,0,2,2.
const x = f32([2, 2, 2], [1, 2, 0, 0, 3, 4, 2, 2]);
const ones = f32([2], [1, 1]);
const zeros = f32([2], [0, 0]);

describe('BatchNormalization', () => {
  it('normalizes with the given statistics in inference mode', () => {
    const [y] = runOp('BatchNormalization', [x, f32([2], [2, 1]), f32([2], [1, 0]), f32([2], [2, 1]), f32([2], [4, 1])], { epsilon: 0 }, { opset: 15 });
    // channel 0: (x - 2) / 2 * 2 + 1 = x - 1; channel 1: (x - 1) / 1.
    expect(values(y!)).toEqual([0, 1, -1, -1, 2, 3, 1, 1]);
  });

  it('uses batch statistics and updates the running ones in training mode', () => {
    const mean = tensorFromFloats(DataType.FLOAT16, [2], [0, 10]);
    const variance = tensorFromFloats(DataType.FLOAT16, [2], [1, 1]);
    const [y, rm, rv] = runOp('BatchNormalization', [x, ones, zeros, mean, variance], { training_mode: 1, momentum: 0.5, epsilon: 0 }, { opset: 15, outputs: 3 });
    // Batch mean 2.5 and 1, population variance 1.25 and 1.
    const s = Math.sqrt(1.25);
    [(1 - 2.5) / s, (2 - 2.5) / s, -1, -1, (3 - 2.5) / s, (4 - 2.5) / s, 1, 1].forEach((v, i) => expect(values(y!)[i]).toBeCloseTo(v, 5));
    expect((rm as Tensor).dtype).toBe(DataType.FLOAT16);
    expect(Array.from(toFloat32(rm as Tensor))).toEqual([1.25, 5.5]);
    expect(Array.from(toFloat32(rv as Tensor))).toEqual([1.125, 1]);
  });

  it('treats each element as a channel with spatial=0 (opset 7)', () => {
    const p = (v: number[]) => f32([2, 2], v);
    const [y] = runOp('BatchNormalization', [x, p([1, 1, 1, 1]), p([0, 0, 0, 0]), p([1, 2, 0, 0]), p([1, 1, 1, 1])], { spatial: 0, epsilon: 0 }, { opset: 7 });
    expect(values(y!)).toEqual([0, 0, 0, 0, 2, 2, 2, 2]);
  });

  it('returns running and saved statistics in old training mode (opset 9)', () => {
    const outs = runOp('BatchNormalization', [x, ones, zeros, zeros, ones], { momentum: 0.5 }, { opset: 9, outputs: 5 });
    expect(values(outs[1]!)).toEqual([1.25, 0.5]);
    expect(values(outs[2]!)).toEqual([1.125, 1]);
    expect(values(outs[3]!)).toEqual([2.5, 1]);
    expect(values(outs[4]!)).toEqual([1.25, 1]);
  });

  it('handles a 1-D input as one channel', () => {
    const [y] = runOp('BatchNormalization', [f32([3], [1, 2, 3]), f32([1], [2]), f32([1], [1]), f32([1], [2]), f32([1], [1])], { epsilon: 0 }, { opset: 15 });
    expect(values(y!)).toEqual([-1, 1, 3]);
  });

  it('infers running statistics from input_mean and checks channel counts', () => {
    const r = inferOp(
      'BatchNormalization',
      [tensorType(DataType.FLOAT, ['N', 3, 'H', 'W']), ...[1, 2].map(() => tensorType(DataType.FLOAT, [3])), ...[3, 4].map(() => tensorType(DataType.DOUBLE, [3]))],
      { training_mode: 1 },
      { opset: 15, outputs: 3 },
    );
    expect(r.types).toEqual([tensorType(DataType.FLOAT, ['N', 3, 'H', 'W']), tensorType(DataType.DOUBLE, [3]), tensorType(DataType.DOUBLE, [3])]);
    const inference = inferOp('BatchNormalization', [tensorType(DataType.FLOAT, [1, 3]), ...[1, 2, 3, 4].map(() => tensorType(DataType.FLOAT, [3]))], {}, { opset: 15, outputs: 3 });
    expect(inference.diagnostics.map((d) => d.severity)).toEqual(['warning']);
    const bad = inferOp('BatchNormalization', [tensorType(DataType.FLOAT, [1, 3, 2]), ...[1, 2, 3, 4].map(() => tensorType(DataType.FLOAT, [4]))], {}, { opset: 15 });
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
  });
});
