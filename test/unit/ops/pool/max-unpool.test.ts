import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import type { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32, i64, inferOp, runOp, values } from '../../../helpers/ops.js';

describe('MaxUnpool', () => {
  it('inverts MaxPool with Indices', () => {
    const x = f32([1, 1, 4, 4], [1, 9, 2, 3, 4, 5, 8, 6, 7, 0, 1, 1, 2, 3, 4, 9]);
    const [y, idx] = runOp('MaxPool', [x], { kernel_shape: [2, 2], strides: [2, 2] }, { outputs: 2 });
    const [u] = runOp('MaxUnpool', [y!, idx!], { kernel_shape: [2, 2], strides: [2, 2] });
    expect(values(u!)).toEqual([0, 9, 0, 0, 0, 0, 8, 0, 7, 0, 0, 0, 0, 0, 0, 9]);
  });
  it('places values by coordinates when output_shape is larger', () => {
    const [u] = runOp('MaxUnpool', [f32([1, 1, 1, 2], [5, 6]), i64([1, 1, 1, 2], [1, 2]), i64([4], [1, 1, 3, 5])], { kernel_shape: [2, 2], strides: [2, 2] });
    expect((u as Tensor).dims).toEqual([1, 1, 3, 5]);
    expect(values(u!)).toEqual([0, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(() => runOp('MaxUnpool', [f32([1, 1, 1, 1], [5]), i64([1, 1, 1, 1], [9])], { kernel_shape: [2, 2], strides: [2, 2] })).toThrow(/outside/);
  });
  it('infers the default shape symbolically, or from a constant output_shape', () => {
    const x = tensorType(DataType.FLOAT, ['N', 3, 'H', 4]);
    const i = tensorType(DataType.INT64, ['N', 3, 'H', 4]);
    expect(inferOp('MaxUnpool', [x, i], { kernel_shape: [2, 2], strides: [2, 2] }).types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 3, '2*H', 8]));
    expect(inferOp('MaxUnpool', [x, i, i64([4], [2, 3, 9, 9])], { kernel_shape: [2, 2], strides: [2, 2] }).types[0]).toEqual(tensorType(DataType.FLOAT, [2, 3, 9, 9]));
    expect(inferOp('MaxUnpool', [x, i, tensorType(DataType.INT64, [4])], { kernel_shape: [2, 2] }).types[0]).toEqual(tensorType(DataType.FLOAT, [null, null, null, null]));
  });
});
