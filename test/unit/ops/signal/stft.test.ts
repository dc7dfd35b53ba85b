import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import type { TensorType } from '../../../../src/ir/types.js';
import { f32, i64, inferOp, runOp, values } from '../../../helpers/ops.js';

describe('STFT', () => {
  it('windows frames taken every frame_step and transforms them', () => {
    const signal = Tensor.fromData(DataType.DOUBLE, [1, 6, 1], Float64Array.of(1, 2, 3, 4, 5, 6));
    const window = Tensor.fromData(DataType.DOUBLE, [4], Float64Array.of(1, 0, 1, 0));
    const [y] = runOp('STFT', [signal, i64([], [2]), window], {}, { opset: 17 });
    // Frames [1,2,3,4] and [3,4,5,6] windowed to [1,0,3,0] and [3,0,5,0]: bins 0..2 of a 4-point DFT.
    expect((y as Tensor).dims).toEqual([1, 2, 3, 2]);
    expect(values(y!).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([4, 0, -2, 0, 4, 0, 8, 0, -2, 0, 8, 0]);
  });

  it('returns all bins when onesided=0 and accepts complex signals then', () => {
    const signal = f32([1, 2, 2], [1, 1, 0, 0]);
    const [y] = runOp('STFT', [signal, i64([], [1]), undefined, i64([], [2])], { onesided: 0 }, { opset: 17 });
    expect(values(y!)).toEqual([1, 1, 1, 1]);
    expect(() => runOp('STFT', [signal, i64([], [1]), undefined, i64([], [2])], {}, { opset: 17 })).toThrow(/real signal/);
    expect(() => runOp('STFT', [f32([1, 4, 1], [1, 2, 3, 4]), i64([], [1]), f32([3], [1, 1, 1]), i64([], [2])], {}, { opset: 17 })).toThrow(/window has 3/);
  });

  it('infers frames and bins from constant steps and lengths', () => {
    const s = { kind: 'tensor' as const, elemType: DataType.FLOAT, shape: ['B', 128, 1] };
    const { types } = inferOp('STFT', [s, i64([], [8]), undefined, i64([], [16])], {}, { opset: 17 });
    expect((types[0] as TensorType).shape).toEqual(['B', 15, 9, 2]);
  });
});
