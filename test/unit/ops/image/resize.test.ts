import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import type { TensorType } from '../../../../src/ir/types.js';
import { encodeFloats, toFloat32 } from '../../../../src/ops/helpers/convert.js';
import { f32, i64, inferOp, runOp, values } from '../../../helpers/ops.js';

const scales = (...s: number[]) => f32([s.length], s);
const shapeOf = (t: unknown) => (t as TensorType).shape;

describe('Resize', () => {
  it('computes linear float16 in float32 and rounds once', () => {
    const x = Tensor.fromData(DataType.FLOAT16, [1, 2], encodeFloats(DataType.FLOAT16, [1, 2]));
    const [y] = runOp('Resize', [x, undefined, scales(1, 2)], { mode: 'linear' }, { opset: 13 });
    const t = y as Tensor;
    expect(t.dtype).toBe(DataType.FLOAT16);
    expect(Array.from(toFloat32(t))).toEqual([1, 1.25, 1.75, 2]);
  });

  it('keeps int64 exact and works on strings and bool in nearest mode', () => {
    const big = 2n ** 60n + 1n;
    const [y] = runOp('Resize', [i64([1, 2], [big, -3]), undefined, scales(1, 2)], { mode: 'nearest' }, { opset: 13 });
    expect(Array.from((y as Tensor).data() as BigInt64Array)).toEqual([big, big, -3n, -3n]);
    const s = Tensor.fromData(DataType.STRING, [2, 1], ['a', 'b']);
    const [ys] = runOp('Resize', [s, undefined, undefined, i64([2], [4, 2])], { mode: 'nearest' }, { opset: 13 });
    expect((ys as Tensor).dims).toEqual([4, 2]);
    expect((ys as Tensor).data()).toEqual(['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b']);
    const b = Tensor.fromData(DataType.BOOL, [2], Uint8Array.of(1, 0));
    const [yb] = runOp('Resize', [b, undefined, scales(1.5)], { mode: 'nearest', coordinate_transformation_mode: 'asymmetric' }, { opset: 13 });
    // x_original = 0, 0.67, 1.33 -> 0, 1, 1 (round half down)
    expect(values(yb!)).toEqual([1, 0, 0]);
  });

  it('truncates and saturates integer results of cubic interpolation', () => {
    const x = Tensor.fromData(DataType.UINT8, [1, 4], Uint8Array.of(0, 255, 255, 0));
    const [y] = runOp('Resize', [x, undefined, scales(1, 2)], { mode: 'cubic' }, { opset: 13 });
    const v = values(y!);
    expect(v.length).toBe(8);
    // Cubic overshoots 255 between the two 255s; the result saturates instead of wrapping.
    expect(Math.max(...v)).toBe(255);
    expect(v[0]).toBe(0);
  });

  it('resizes complex values lane by lane', () => {
    const x = Tensor.fromData(DataType.COMPLEX64, [2], Float32Array.of(0, 10, 2, 20));
    const [y] = runOp('Resize', [x, undefined, scales(2)], { mode: 'linear', coordinate_transformation_mode: 'align_corners' }, { opset: 13 });
    expect((y as Tensor).dims).toEqual([4]);
    const v = Array.from((y as Tensor).data() as Float32Array);
    expect(v[2]).toBeCloseTo(2 / 3, 5);
    expect(v[3]).toBeCloseTo(40 / 3, 4);
  });

  it('Resize-10 uses asymmetric coordinates, truncating up and ceiling down', () => {
    const x = f32([1, 10], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(values(runOp('Resize', [x, scales(1, 0.6)], {}, { opset: 10 })[0]!)).toEqual([0, 2, 4, 5, 7, 9]);
    expect(values(runOp('Resize', [f32([1, 3], [0, 1, 2]), scales(1, 1.7)], {}, { opset: 10 })[0]!)).toEqual([0, 0, 1, 1, 2]);
    expect(values(runOp('Resize', [f32([1, 2], [0, 1]), scales(1, 2)], { mode: 'linear' }, { opset: 10 })[0]!)).toEqual([0, 0.5, 1, 1]);
  });

  it('resizes only the listed axes (18) and keeps the aspect ratio on request', () => {
    const x = f32([1, 2, 2], [1, 2, 3, 4]);
    const [y] = runOp('Resize', [x, undefined, undefined, i64([2], [3, 4])], { axes: [2, 1], keep_aspect_ratio_policy: 'not_larger' }, { opset: 18 });
    // scale = min(3/2, 4/2) = 1.5 for both axes: 2 -> 3
    expect((y as Tensor).dims).toEqual([1, 3, 3]);
    const [z] = runOp('Resize', [x, undefined, undefined, i64([2], [3, 4])], { axes: [2, 1], keep_aspect_ratio_policy: 'not_smaller' }, { opset: 18 });
    expect((z as Tensor).dims).toEqual([1, 4, 4]);
  });

  it('antialias widens the filter when downscaling', () => {
    const x = f32([8], [0, 0, 0, 0, 8, 8, 8, 8]);
    const plain = values(runOp('Resize', [x, undefined, scales(0.25)], { mode: 'linear' }, { opset: 18 })[0]!);
    const aa = values(runOp('Resize', [x, undefined, scales(0.25)], { mode: 'linear', antialias: 1 }, { opset: 18 })[0]!);
    expect(plain).toEqual([0, 8]);
    // Triangle of half-width 4 around 1.5: taps -2..5 weigh 1,3,5,7,7,5,3,1 (/32); only 4 and 5 hold 8.
    expect(aa[0]).toBeCloseTo(1, 6);
    expect(aa[1]).toBeCloseTo(7, 6);
  });

  it('rejects modes of other versions and bad inputs', () => {
    const x = f32([1, 2], [1, 2]);
    expect(() => runOp('Resize', [x, undefined, scales(1, 2)], { coordinate_transformation_mode: 'half_pixel_symmetric' }, { opset: 18 })).toThrow(/half_pixel_symmetric/);
    expect(() => runOp('Resize', [x, undefined, scales(1, 2)], { coordinate_transformation_mode: 'tf_half_pixel_for_nn' }, { opset: 19 })).toThrow(/tf_half_pixel_for_nn/);
    expect(() => runOp('Resize', [x, undefined, scales(1, 2), i64([2], [1, 4])], {}, { opset: 13 })).toThrow(/only one of scales and sizes/);
    expect(() => runOp('Resize', [x, undefined, scales(2)], {}, { opset: 13 })).toThrow(/scales has 1 values, expected 2/);
    expect(() => runOp('Resize', [x, undefined, scales(1, 2)], { mode: 'area' }, { opset: 13 })).toThrow(/mode/);
  });

  it('infers symbolic dims from constant scales and sizes', () => {
    const xt = { kind: 'tensor' as const, elemType: DataType.FLOAT, shape: ['N', 3, 'H', 'W'] };
    const { types } = inferOp('Resize', [xt, undefined, scales(1, 1, 2, 0.5)], {}, { opset: 13 });
    expect(shapeOf(types[0])).toEqual(['N', 3, '2*H', 'floor(W/2)']);
    const r = inferOp('Resize', [xt, undefined, undefined, i64([2], [32, 48])], { axes: [2, 3] }, { opset: 18 });
    expect(shapeOf(r.types[0])).toEqual(['N', 3, 32, 48]);
    const fixed = { kind: 'tensor' as const, elemType: DataType.FLOAT, shape: [1, 3, 5, 5] };
    expect(shapeOf(inferOp('Resize', [fixed, undefined, scales(1, 1, 0.6, 1.5)], {}, { opset: 13 }).types[0])).toEqual([1, 3, 3, 7]);
    // Unknown scales: rank is kept, resized dims unknown.
    const dyn = { kind: 'tensor' as const, elemType: DataType.FLOAT, shape: [4] };
    expect(shapeOf(inferOp('Resize', [fixed, undefined, dyn], {}, { opset: 13 }).types[0])).toEqual([null, null, null, null]);
    // Unknown rank: the length of scales gives it.
    const anyRank = { kind: 'tensor' as const, elemType: DataType.FLOAT };
    expect(shapeOf(inferOp('Resize', [anyRank, undefined, scales(1, 2)], {}, { opset: 13 }).types[0])).toEqual([null, null]);
  });
});

describe('Upsample', () => {
  it('covers the attribute (1, 7) and input (9) forms', () => {
    const x = f32([1, 1, 1, 2], [1, 2]);
    const [a] = runOp('Upsample', [x], { height_scale: 2, width_scale: 2 }, { opset: 1 });
    expect((a as Tensor).dims).toEqual([1, 1, 2, 4]);
    expect(values(a!)).toEqual([1, 1, 2, 2, 1, 1, 2, 2]);
    const [b] = runOp('Upsample', [f32([2], [1, 3])], { scales: [2], mode: 'linear' }, { opset: 7 });
    expect(values(b!)).toEqual([1, 2, 3, 3]);
    const [c] = runOp('Upsample', [f32([2], [1, 3]), scales(3)], {}, { opset: 9 });
    expect(values(c!)).toEqual([1, 1, 1, 3, 3, 3]);
    expect(shapeOf(inferOp('Upsample', [{ kind: 'tensor', elemType: DataType.FLOAT, shape: ['N', 2] }, scales(1, 3)], {}, { opset: 9 }).types[0])).toEqual(['N', 6]);
  });
});
