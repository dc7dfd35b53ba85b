import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

const u8 = (dims: number[], v: number[]) => Tensor.fromData(DataType.UINT8, dims, Uint8Array.from(v));

describe('QLinearMatMul', () => {
  it('requantizes with per-row scales of a and rounds half to even', () => {
    const a = u8([2, 2], [3, 1, 1, 1]);
    const b = u8([2, 1], [1, 0]);
    const [y] = runOp('QLinearMatMul', [a, f32([2], [0.5, 1]), u8([], [0]), b, f32([], [1]), u8([], [0]), f32([], [1]), u8([], [10])]);
    // Accumulators [3, 1] scaled by [0.5, 1] -> [1.5, 1] -> rint [2, 1] + 10.
    expect(values(y!)).toEqual([12, 11]);
  });
  it('saturates to the output type', () => {
    const [y] = runOp('QLinearMatMul', [u8([1, 1], [255]), f32([], [1]), u8([], [0]), u8([1, 1], [255]), f32([], [1]), u8([], [0]), f32([], [1]), u8([], [0])]);
    expect(values(y!)).toEqual([255]);
  });
  it('infers the output type from y_zero_point', () => {
    const t = inferOp('QLinearMatMul', [
      tensorType(DataType.UINT8, ['M', 8]),
      tensorType(DataType.FLOAT, []),
      tensorType(DataType.UINT8, []),
      tensorType(DataType.INT8, [8, 4]),
      tensorType(DataType.FLOAT, []),
      tensorType(DataType.INT8, []),
      tensorType(DataType.FLOAT, []),
      tensorType(DataType.INT8, []),
    ]).types[0];
    expect(t).toEqual(tensorType(DataType.INT8, ['M', 4]));
  });
});
