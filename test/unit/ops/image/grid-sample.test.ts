import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import type { TensorType } from '../../../../src/ir/types.js';
import { f32, i64, inferOp, runOp, values } from '../../../helpers/ops.js';

describe('GridSample', () => {
  it('names modes per version: bilinear/bicubic in 16, linear/cubic from 20', () => {
    const x = f32([1, 1, 2, 2], [1, 2, 3, 4]);
    const g = f32([1, 1, 1, 2], [0, 0]);
    expect(values(runOp('GridSample', [x, g], { mode: 'bilinear' }, { opset: 16 })[0]!)).toEqual([2.5]);
    expect(values(runOp('GridSample', [x, g], { mode: 'linear' }, { opset: 20 })[0]!)).toEqual([2.5]);
    expect(() => runOp('GridSample', [x, g], { mode: 'linear' }, { opset: 16 })).toThrow(/mode/);
    expect(() => runOp('GridSample', [x, g], { mode: 'bicubic' }, { opset: 20 })).toThrow(/mode/);
    expect(() => runOp('GridSample', [f32([1, 1, 2], [1, 2]), f32([1, 1, 1], [0])], {}, { opset: 16 })).toThrow(/4-D/);
  });

  it('samples strings and int64 exactly in nearest mode, with zero padding outside', () => {
    const s = Tensor.fromData(DataType.STRING, [1, 1, 1, 3], ['a', 'b', 'c']);
    const g = f32([1, 1, 3, 2], [-1, 0, 0.5, 0, 3, 0]);
    const [y] = runOp('GridSample', [s, g], { mode: 'nearest', align_corners: 1 }, { opset: 20 });
    // x = 0, 1.5 -> 2 (half to even), 4 -> outside
    expect((y as Tensor).data()).toEqual(['a', 'c', '']);
    const big = 2n ** 55n + 3n;
    const [yi] = runOp('GridSample', [i64([1, 1, 1, 2], [big, 7]), f32([1, 1, 1, 2], [-1, 0])], { mode: 'nearest', align_corners: 1 }, { opset: 20 });
    expect(Array.from((yi as Tensor).data() as BigInt64Array)).toEqual([big]);
  });

  it('samples 1-D and reflects coordinates', () => {
    const x = f32([1, 1, 4], [0, 10, 20, 30]);
    // align_corners=0: x = ((g+1)*4-1)/2; g=1.25 -> 4, reflected about 3.5 -> 3 -> 30
    const [y] = runOp('GridSample', [x, f32([1, 2, 1], [1.25, -1.25])], { padding_mode: 'reflection' }, { opset: 20 });
    expect(values(y!)).toEqual([30, 0]);
    const [b] = runOp('GridSample', [x, f32([1, 1, 1], [3])], { padding_mode: 'border' }, { opset: 20 });
    expect(values(b!)).toEqual([30]);
  });

  it('infers (N, C, *grid spatial) with symbols', () => {
    const t = (shape: (number | string)[]) => ({ kind: 'tensor' as const, elemType: DataType.FLOAT, shape });
    expect((inferOp('GridSample', [t(['N', 3, 'D', 'H', 'W']), t(['N', 4, 5, 6, 3])], {}, { opset: 20 }).types[0] as TensorType).shape).toEqual(['N', 3, 4, 5, 6]);
    const bad = inferOp('GridSample', [t([1, 3, 8, 8]), t([1, 4, 4, 3])], {}, { opset: 20 });
    expect(bad.diagnostics.some((d) => /last dim of grid must be 2/.test(d.message))).toBe(true);
  });
});
