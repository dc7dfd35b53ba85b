import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

describe('global pooling', () => {
  const x = f32([1, 2, 2, 2], [1, 2, 3, 4, -1, -2, -3, 10]);
  it('reduces every spatial position of each plane', () => {
    expect(values(runOp('GlobalAveragePool', [x])[0]!)).toEqual([2.5, 1]);
    expect(values(runOp('GlobalMaxPool', [x])[0]!)).toEqual([4, 10]);
    expect(values(runOp('GlobalLpPool', [x])[0]!)).toEqual([Math.fround(Math.sqrt(30)), Math.fround(Math.sqrt(114))]);
    expect(values(runOp('GlobalLpPool', [x], { p: 1 })[0]!)).toEqual([10, 16]);
    expect(values(runOp('GlobalLpPool', [x], { p: 0.5 }, { opset: 1 })[0]!)[0]).toBeCloseTo((1 + Math.SQRT2 + Math.sqrt(3) + 2) ** 2, 4);
    expect((runOp('GlobalMaxPool', [x])[0] as Tensor).dims).toEqual([1, 2, 1, 1]);
  });
  it('keeps float64 and propagates NaN in max', () => {
    const d = Tensor.fromData(DataType.DOUBLE, [1, 1, 3], Float64Array.of(1e-12, 1, NaN));
    expect(values(runOp('GlobalMaxPool', [d])[0]!)).toEqual([NaN]);
    const e = Tensor.fromData(DataType.DOUBLE, [1, 1, 2], Float64Array.of(1e-12, 1));
    expect(values(runOp('GlobalAveragePool', [e])[0]!)).toEqual([(1e-12 + 1) / 2]);
  });
  it('infers [N, C, 1, ...] with symbolic dims', () => {
    for (const op of ['GlobalAveragePool', 'GlobalMaxPool', 'GlobalLpPool']) {
      expect(inferOp(op, [tensorType(DataType.FLOAT, ['N', 'C', 'H', 'W', 7])]).types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 'C', 1, 1, 1]));
    }
  });
});
