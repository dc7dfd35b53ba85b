import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import type { TensorType } from '../../../../src/ir/types.js';
import { i64, inferOp, runOp, values } from '../../../helpers/ops.js';

describe('AffineGrid', () => {
  it('maps the identity transform to the base grid (double)', () => {
    const theta = Tensor.fromData(DataType.DOUBLE, [1, 2, 3], Float64Array.of(1, 0, 0, 0, 1, 0));
    const [a] = runOp('AffineGrid', [theta, i64([4], [1, 1, 2, 2])], { align_corners: 1 }, { opset: 20 });
    expect((a as Tensor).dims).toEqual([1, 2, 2, 2]);
    expect(values(a!)).toEqual([-1, -1, 1, -1, -1, 1, 1, 1]);
    const [b] = runOp('AffineGrid', [theta, i64([4], [1, 1, 1, 2])], { align_corners: 0 }, { opset: 20 });
    expect(values(b!)).toEqual([-0.5, 0, 0.5, 0]);
  });

  it('infers the grid shape from a symbolic size', () => {
    const theta = { kind: 'tensor' as const, elemType: DataType.FLOAT, shape: ['N', 3, 4] };
    const { types } = inferOp('AffineGrid', [theta, i64([5], [2, 1, 3, 4, 5])], {}, { opset: 20 });
    expect((types[0] as TensorType).shape).toEqual([2, 3, 4, 5, 3]);
    const size = { kind: 'tensor' as const, elemType: DataType.INT64, shape: [4] };
    expect((inferOp('AffineGrid', [{ ...theta, shape: ['N', 2, 3] }, size], {}, { opset: 20 }).types[0] as TensorType).shape).toEqual(['N', null, null, 2]);
    const bad = inferOp('AffineGrid', [theta, size], {}, { opset: 20 });
    expect(bad.diagnostics.some((d) => /theta has 3 rows/.test(d.message))).toBe(true);
  });
});
