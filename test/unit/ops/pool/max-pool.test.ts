import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f16ToF32, f32ToF16 } from '../../../../src/ir/float-formats.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

describe('MaxPool', () => {
  it('returns flat indices over the whole input, row- or column-major (3-D)', () => {
    // x[n, c, d, h, w] = a value whose maximum in each 2x2x2 window is at a known place.
    const dims = [1, 2, 2, 2, 4];
    const x = Array.from({ length: 32 }, (_, i) => ((i * 7) % 32) - 16);
    const [y, idx] = runOp('MaxPool', [f32(dims, x)], { kernel_shape: [2, 2, 2], strides: [2, 2, 2] }, { outputs: 2 });
    expect((y as Tensor).dims).toEqual([1, 2, 1, 1, 2]);
    const flat = values(idx!);
    values(y!).forEach((v, i) => expect(x[flat[i]!]).toBe(v));
    expect(flat).toEqual([9, 3, 17, 18]);
    const [, col] = runOp('MaxPool', [f32(dims, x)], { kernel_shape: [2, 2, 2], strides: [2, 2, 2], storage_order: 1 }, { outputs: 2 });
    // Column-major within a plane: index = d + h * 2 + w * 4 (+ the plane offset 16 * c).
    const toCol = (i: number) => {
      const plane = Math.floor(i / 16);
      const r = i % 16;
      const [d, h, w] = [Math.floor(r / 8), Math.floor(r / 4) % 2, r % 4];
      return plane * 16 + d + h * 2 + w * 4;
    };
    expect(values(col!)).toEqual(flat.map(toCol));
  });

  it('pools int8 and float16 in their own type', () => {
    const i8 = Tensor.fromData(DataType.INT8, [1, 1, 4], Int8Array.of(-128, -5, 127, -100));
    const [y] = runOp('MaxPool', [i8], { kernel_shape: [2], strides: [1] }, { opset: 12 });
    expect((y as Tensor).dtype).toBe(DataType.INT8);
    expect(values(y!)).toEqual([-5, 127, 127]);
    const h = Tensor.fromData(DataType.FLOAT16, [1, 1, 3], Uint16Array.from([0.1, 0.7, -3], f32ToF16));
    const [z] = runOp('MaxPool', [h], { kernel_shape: [2], pads: [1, 0] });
    expect(Array.from((z as Tensor).data() as Uint16Array).map(f16ToF32)).toEqual([0.1, 0.7, 0.7].map((v) => f16ToF32(f32ToF16(v))));
  });

  it('ignores padding and applies dilations and ceil_mode', () => {
    const [y] = runOp('MaxPool', [f32([1, 1, 5], [-1, -2, -3, -4, -5])], { kernel_shape: [2], dilations: [2], pads: [1, 1] });
    // Windows start at -1 ... 3 and read positions {-1, 1}, {0, 2}, {1, 3}, {2, 4}, {3, 5}.
    expect(values(y!)).toEqual([-2, -1, -2, -3, -4]);
    const [z] = runOp('MaxPool', [f32([1, 1, 5], [1, 2, 3, 4, 5])], { kernel_shape: [2], strides: [2], ceil_mode: 1 });
    expect(values(z!)).toEqual([2, 4, 5]);
  });

  it('infers both outputs, keeping symbolic dims', () => {
    const r = inferOp('MaxPool', [tensorType(DataType.FLOAT, ['N', 'C', 'H', 32])], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }, { outputs: 2 });
    expect(r.types).toEqual([tensorType(DataType.FLOAT, ['N', 'C', 'floor((H+1)/2)', 16]), tensorType(DataType.INT64, ['N', 'C', 'floor((H+1)/2)', 16])]);
    const bad = inferOp('MaxPool', [tensorType(DataType.FLOAT, [1, 1, 4, 4])], { kernel_shape: [3], strides: [1, 1] });
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
    const small = inferOp('MaxPool', [tensorType(DataType.FLOAT, [1, 1, 2, 2])], { kernel_shape: [4, 4] });
    expect(small.diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
  });
});
