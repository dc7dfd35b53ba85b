import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType, type TensorType } from '../../../../src/ir/types.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

describe('Unique', () => {
  it('returns values, first indices, inverse indices and counts, sorted or in order of appearance', () => {
    const x = f32([6], [2, 1, 1, 3, 4, 3]);
    const sorted = runOp('Unique', [x], {}, { outputs: 4 });
    expect(sorted.map(values)).toEqual([[1, 2, 3, 4], [1, 0, 3, 4], [1, 0, 0, 2, 3, 2], [2, 1, 2, 1]]);
    const unsorted = runOp('Unique', [x], { sorted: 0 }, { outputs: 4 });
    expect(unsorted.map(values)).toEqual([[2, 1, 3, 4], [0, 1, 3, 4], [0, 1, 1, 2, 3, 2], [1, 2, 2, 1]]);
  });
  it('finds unique slices along an axis, and unique strings', () => {
    const x = f32([2, 3], [1, 0, 1, 2, 0, 2]);
    const [y, idx, inv, cnt] = runOp('Unique', [x], { axis: 1, sorted: 0 }, { outputs: 4 });
    expect((y as Tensor).dims).toEqual([2, 2]);
    expect([y, idx, inv, cnt].map((t) => values(t!))).toEqual([[1, 0, 2, 0], [0, 1], [0, 1, 0], [2, 1]]);
    const s = Tensor.fromData(DataType.STRING, [4], ['b', 'a', 'b', 'c']);
    expect((runOp('Unique', [s])[0] as Tensor).data()).toEqual(['a', 'b', 'c']);
  });
  it('treats NaNs as one value sorted last', () => {
    expect(values(runOp('Unique', [f32([4], [NaN, 1, NaN, 0])])[0]!)).toEqual([0, 1, NaN]);
  });
  it('infers one unknown count shared by the outputs', () => {
    const r = inferOp('Unique', [tensorType(DataType.FLOAT, ['N', 3])], { axis: 0 }, { outputs: 4 });
    const u = (r.types[1] as TensorType).shape![0];
    expect(typeof u).toBe('string');
    expect(r.types).toEqual([tensorType(DataType.FLOAT, [u as string, 3]), tensorType(DataType.INT64, [u as string]), tensorType(DataType.INT64, ['N']), tensorType(DataType.INT64, [u as string])]);
  });
});
