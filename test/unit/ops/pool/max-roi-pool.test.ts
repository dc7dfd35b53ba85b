import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import type { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

describe('MaxRoiPool', () => {
  const x = f32([1, 1, 4, 4], Array.from({ length: 16 }, (_, i) => i));
  it('max-pools each region into pooled_shape bins', () => {
    // Region (x1, y1, x2, y2) = (0, 0, 3, 3) covers the image; 2x2 bins of 2x2 pixels.
    const [y] = runOp('MaxRoiPool', [x, f32([2, 5], [0, 0, 0, 3, 3, 0, 1, 1, 2, 1])], { pooled_shape: [2, 2] });
    expect((y as Tensor).dims).toEqual([2, 1, 2, 2]);
    // Second region: columns 1..2, row 1 only (height 1 -> bins of 0.5 rows: [1,2) and [1,2)).
    expect(values(y!)).toEqual([5, 7, 13, 15, 5, 6, 5, 6]);
  });
  it('scales and rounds the region coordinates', () => {
    const [y] = runOp('MaxRoiPool', [x, f32([1, 5], [0, 1, 1, 5, 5])], { pooled_shape: [1, 1], spatial_scale: 0.5 });
    // (0.5, 0.5, 2.5, 2.5) rounds half away from zero to (1, 1, 3, 3).
    expect(values(y!)).toEqual([15]);
  });
  it('infers [num_rois, C, ph, pw] and checks rois', () => {
    const r = inferOp('MaxRoiPool', [tensorType(DataType.FLOAT, ['N', 16, 'H', 'W']), tensorType(DataType.FLOAT, ['R', 5])], { pooled_shape: [7, 6] });
    expect(r.types[0]).toEqual(tensorType(DataType.FLOAT, ['R', 16, 7, 6]));
    const bad = inferOp('MaxRoiPool', [tensorType(DataType.FLOAT, [1, 16, 8, 8]), tensorType(DataType.FLOAT, [3, 4])], { pooled_shape: [2, 2] });
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
    expect(() => runOp('MaxRoiPool', [x, f32([1, 5], [3, 0, 0, 1, 1])], { pooled_shape: [1, 1] })).toThrow(/batch index/);
  });
});
