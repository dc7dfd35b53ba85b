import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { f16ToF32, f32ToF16 } from '../../../../src/ir/float-formats.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType, type TensorType } from '../../../../src/ir/types.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

describe('Det kernel', () => {
  it('needs pivoting when a leading entry is zero', () => {
    // det [[0,2,1],[1,1,1],[2,1,3]] = 0*(3-1) - 2*(3-2) + 1*(1-2) = -3
    const [y] = runOp('Det', [f32([3, 3], [0, 2, 1, 1, 1, 1, 2, 1, 3])]);
    expect((y as Tensor).dims).toEqual([]);
    expect(values(y!)[0]).toBeCloseTo(-3, 5);
  });
  it('handles batches, singular matrices and empty matrices', () => {
    const [y] = runOp('Det', [f32([2, 2, 2], [1, 2, 2, 4, 3, 1, 4, 2])]);
    expect((y as Tensor).dims).toEqual([2]);
    expect(values(y!)).toEqual([0, 2]);
    const [e] = runOp('Det', [f32([0, 0], [])]);
    expect(values(e!)).toEqual([1]);
  });
  it('computes float16 in float32', () => {
    const x = Tensor.fromData(DataType.FLOAT16, [2, 2], Uint16Array.from([2, 1, 1, 3], f32ToF16));
    const [y] = runOp('Det', [x]);
    expect((y as Tensor).dtype).toBe(DataType.FLOAT16);
    expect(f16ToF32(((y as Tensor).data() as Uint16Array)[0]!)).toBe(5);
  });
  it('rejects non-square input', () => {
    expect(() => runOp('Det', [f32([2, 3], [1, 2, 3, 4, 5, 6])])).toThrow(/square/);
  });
});

describe('Det inference', () => {
  it('drops the matrix dims and keeps symbolic batch dims', () => {
    const { types } = inferOp('Det', [tensorType(DataType.FLOAT, ['B', 3, 'N', 'N'])]);
    expect((types[0] as TensorType).shape).toEqual(['B', 3]);
  });
  it('reports rank < 2 and non-square matrices', () => {
    expect(inferOp('Det', [tensorType(DataType.FLOAT, [3])]).diagnostics.map((d) => d.message).join()).toMatch(/rank/);
    expect(inferOp('Det', [tensorType(DataType.FLOAT, [3, 4])]).diagnostics.map((d) => d.message).join()).toMatch(/square/);
  });
});
