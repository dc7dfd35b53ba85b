import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { tensorType } from '../../../../src/ir/types.js';
import { inferOp, runOp } from '../../../helpers/ops.js';
import { bigs, dtypeOf, nums, tensor } from '../../../helpers/math-tensors.js';

const { FLOAT16, BFLOAT16, DOUBLE, FLOAT, INT64, UINT8, UINT64 } = DataType;

describe('Clip', () => {
  const x = tensor(FLOAT, [5], [-5, -1, 0, 2, NaN]);
  it('takes optional bounds from attributes in opset 1', () => {
    expect(nums(runOp('Clip', [x], {}, { opset: 1 })[0])).toEqual([-5, -1, 0, 2, NaN]);
    expect(nums(runOp('Clip', [x], { min: -2 }, { opset: 1 })[0])).toEqual([-2, -1, 0, 2, NaN]);
    expect(nums(runOp('Clip', [x], { max: 1 }, { opset: 1 })[0])).toEqual([-5, -1, 0, 1, NaN]);
  });
  it('defaults the attributes to the float range in opset 6', () => {
    const big = tensor(FLOAT, [2], [-3.4028234663852886e38, 1]);
    expect(nums(runOp('Clip', [big], {}, { opset: 6 })[0])).toEqual([Math.fround(-3.402823e38), 1]);
    expect(nums(runOp('Clip', [x], { min: 0, max: 0.5 }, { opset: 6 })[0])).toEqual([0, 0, 0, 0.5, NaN]);
  });
  it('takes bounds from optional inputs from opset 11', () => {
    const lo = tensor(FLOAT, [], [-2]);
    const hi = tensor(FLOAT, [], [1]);
    expect(nums(runOp('Clip', [x, lo, hi], {}, { opset: 11 })[0])).toEqual([-2, -1, 0, 1, NaN]);
    expect(nums(runOp('Clip', [x, undefined, hi], {}, { opset: 11 })[0])).toEqual([-5, -1, 0, 1, NaN]);
    expect(nums(runOp('Clip', [x, lo], {}, { opset: 13 })[0])).toEqual([-2, -1, 0, 2, NaN]);
    expect(nums(runOp('Clip', [x], {}, { opset: 13 })[0])).toEqual([-5, -1, 0, 2, NaN]);
  });
  it('sets everything to max when min > max', () => {
    expect(nums(runOp('Clip', [x, tensor(FLOAT, [], [3]), tensor(FLOAT, [], [1])])[0])).toEqual([1, 1, 1, 1, NaN]);
  });
  it('clips integers exactly, int64 and uint64 included', () => {
    const v = tensor(INT64, [3], [-(2n ** 62n), 5, 2n ** 62n + 1n]);
    const [y] = runOp('Clip', [v, tensor(INT64, [], [-(2n ** 40n)]), tensor(INT64, [], [2n ** 62n])]);
    expect(bigs(y)).toEqual([-(2n ** 40n), 5n, 2n ** 62n]);
    const [u] = runOp('Clip', [tensor(UINT64, [2], [2n ** 64n - 1n, 3]), undefined, tensor(UINT64, [1], [2n ** 63n])]);
    expect(bigs(u)).toEqual([2n ** 63n, 3n]);
    const [b] = runOp('Clip', [tensor(UINT8, [3], [0, 100, 255]), tensor(UINT8, [], [10]), tensor(UINT8, [], [200])], {}, { opset: 12 });
    expect(nums(b)).toEqual([10, 100, 200]);
  });
  it('clips float16, bfloat16 and double', () => {
    const [h] = runOp('Clip', [tensor(FLOAT16, [2], [-70000, 0.1]), tensor(FLOAT16, [], [-1.5])]);
    expect(dtypeOf(h)).toBe(FLOAT16);
    expect(nums(h)).toEqual([-1.5, 0.0999755859375]);
    const [b] = runOp('Clip', [tensor(BFLOAT16, [2], [3, -3]), tensor(BFLOAT16, [], [-1]), tensor(BFLOAT16, [], [1])]);
    expect(nums(b)).toEqual([1, -1]);
    const [d] = runOp('Clip', [tensor(DOUBLE, [1], [0.1 + 0.2]), undefined, tensor(DOUBLE, [], [0.3])]);
    expect(nums(d)).toEqual([0.3]);
  });
  it('rejects bounds that are not scalars or not of the input type', () => {
    expect(() => runOp('Clip', [x, tensor(FLOAT, [2], [0, 1])])).toThrow(/scalar/);
    expect(() => runOp('Clip', [x, tensor(DOUBLE, [], [0])])).toThrow(/type/);
    const r = inferOp('Clip', [tensorType(FLOAT, ['N']), tensorType(FLOAT, [2])]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
    expect(inferOp('Clip', [tensorType(FLOAT, ['N']), tensorType(FLOAT, [1]), tensorType(FLOAT, [])]).types[0]).toEqual(tensorType(FLOAT, ['N']));
  });
});
