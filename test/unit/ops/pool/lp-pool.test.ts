import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

describe('LpPool', () => {
  const x = f32([1, 1, 4], [3, -4, 1, 2]);
  it('computes the p-norm of each window (int p, float p in LpPool-1)', () => {
    const [a] = runOp('LpPool', [x], { kernel_shape: [2], strides: [2] });
    expect(values(a!)).toEqual([5, Math.fround(Math.sqrt(5))]);
    const [b] = runOp('LpPool', [x], { kernel_shape: [2], strides: [2], p: 1 });
    expect(values(b!)).toEqual([7, 3]);
    const [c] = runOp('LpPool', [x], { kernel_shape: [2], strides: [2], p: 3 });
    expect(values(c!)[0]).toBeCloseTo(Math.cbrt(27 + 64), 5);
    const [d] = runOp('LpPool', [x], { kernel_shape: [2], strides: [2], p: 1.5 }, { opset: 1 });
    expect(values(d!)[0]).toBeCloseTo((3 ** 1.5 + 4 ** 1.5) ** (1 / 1.5), 5);
  });
  it('treats padding as zeros and supports dilations and ceil_mode (opset 18)', () => {
    const [a] = runOp('LpPool', [x], { kernel_shape: [2], pads: [1, 1], strides: [2], dilations: [2], ceil_mode: 1 }, { opset: 18 });
    // Windows start at -1, 1, 3: taps {-1, 1}, {1, 3}, {3, 5}.
    expect(values(a!)).toEqual([4, Math.fround(Math.sqrt(20)), 2]);
  });
  it('rejects a non-positive p and infers shapes', () => {
    expect(() => runOp('LpPool', [x], { kernel_shape: [2], p: 0 })).toThrow(/p must be positive/);
    expect(inferOp('LpPool', [tensorType(DataType.FLOAT, ['N', 2, 'L'])], { kernel_shape: [3] }).types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 2, 'L-2']));
  });
});
