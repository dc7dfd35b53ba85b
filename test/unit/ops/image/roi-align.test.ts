import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import type { TensorType } from '../../../../src/ir/types.js';
import { encodeFloats, toFloat32 } from '../../../../src/ops/helpers/convert.js';
import { f32, i64, inferOp, runOp, values } from '../../../helpers/ops.js';

// A 1x1x4x4 ramp: value = 4*y + x.
const x = f32([1, 1, 4, 4], Array.from({ length: 16 }, (_, i) => i));

describe('RoiAlign', () => {
  it('averages bilinear samples; half_pixel shifts the RoI by half a pixel', () => {
    const rois = f32([1, 4], [0, 0, 2, 2]);
    const args = { output_height: 1, output_width: 1, sampling_ratio: 1 };
    // output_half_pixel: one sample at the RoI centre (1, 1) -> 5; half_pixel: at (0.5, 0.5) -> 2.5.
    expect(values(runOp('RoiAlign', [x, rois, i64([1], [0])], { ...args, coordinate_transformation_mode: 'output_half_pixel' }, { opset: 16 })[0]!)).toEqual([5]);
    expect(values(runOp('RoiAlign', [x, rois, i64([1], [0])], args, { opset: 16 })[0]!)).toEqual([2.5]);
    // RoiAlign-10 has no half-pixel shift.
    expect(values(runOp('RoiAlign', [x, rois, i64([1], [0])], args, { opset: 10 })[0]!)).toEqual([5]);
  });

  it('max mode takes the largest weighted corner, as onnxruntime does', () => {
    const rois = f32([1, 4], [0, 0, 2, 2]);
    const [y] = runOp('RoiAlign', [x, rois, i64([1], [0])], { mode: 'max', output_height: 1, output_width: 1, sampling_ratio: 1 }, { opset: 16 });
    // Sample at (0.5, 0.5): corners 0,1,4,5 each weighted 0.25 -> max 1.25.
    expect(values(y!)).toEqual([1.25]);
  });

  it('computes float16 and double', () => {
    const h = Tensor.fromData(DataType.FLOAT16, [1, 1, 4, 4], encodeFloats(DataType.FLOAT16, toFloat32(x)));
    const r = Tensor.fromData(DataType.FLOAT16, [1, 4], encodeFloats(DataType.FLOAT16, [0, 0, 2, 2]));
    const [y] = runOp('RoiAlign', [h, r, i64([1], [0])], { sampling_ratio: 1 }, { opset: 16 });
    expect((y as Tensor).dtype).toBe(DataType.FLOAT16);
    expect(Array.from(toFloat32(y as Tensor))).toEqual([2.5]);
    const d = Tensor.fromData(DataType.DOUBLE, [1, 1, 4, 4], Float64Array.from(toFloat32(x)));
    const rd = Tensor.fromData(DataType.DOUBLE, [1, 4], Float64Array.of(0, 0, 2, 2));
    expect(values(runOp('RoiAlign', [d, rd, i64([1], [0])], { sampling_ratio: 1 }, { opset: 16 })[0]!)).toEqual([2.5]);
  });

  it('infers [num_rois, C, h, w] and rejects bad batch indices', () => {
    const t = (shape: (number | string)[], e = DataType.FLOAT) => ({ kind: 'tensor' as const, elemType: e, shape });
    const { types } = inferOp('RoiAlign', [t(['N', 8, 'H', 'W']), t(['R', 4]), t(['R'], DataType.INT64)], { output_height: 7, output_width: 5 }, { opset: 16 });
    expect((types[0] as TensorType).shape).toEqual(['R', 8, 7, 5]);
    expect(() => runOp('RoiAlign', [x, f32([1, 4], [0, 0, 1, 1]), i64([1], [3])], {}, { opset: 16 })).toThrow(/out of range/);
  });
});
