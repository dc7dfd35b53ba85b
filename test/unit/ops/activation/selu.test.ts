import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { f32, runOp, values } from '../../../helpers/ops.js';

describe('Selu', () => {
  it('uses the float32 values of alpha and gamma from opset 6', () => {
    const x = Tensor.fromData(DataType.DOUBLE, [2], Float64Array.of(-1, 2));
    const [y] = runOp('Selu', [x], {}, { opset: 6 });
    const alpha = 1.67326319217681884765625;
    const gamma = 1.05070102214813232421875;
    expect(values(y!)[0]).toBeCloseTo(gamma * alpha * (Math.exp(-1) - 1), 14);
    expect(values(y!)[1]).toBeCloseTo(gamma * 2, 14);
  });

  it('uses the rounded defaults of opset 1', () => {
    const x = Tensor.fromData(DataType.DOUBLE, [1], Float64Array.of(-1));
    const [y] = runOp('Selu', [x], {}, { opset: 1 });
    expect(values(y!)[0]).toBeCloseTo(1.0507 * 1.6732 * (Math.exp(-1) - 1), 6);
    expect(Math.abs(values(y!)[0]! - 1.0507 * 1.67326 * (Math.exp(-1) - 1))).toBeGreaterThan(1e-6);
  });

  it('takes alpha and gamma attributes', () => {
    const [y] = runOp('Selu', [f32([2], [-2, 3])], { alpha: 2, gamma: 3 });
    expect(values(y!)[0]).toBeCloseTo(6 * (Math.exp(-2) - 1), 5);
    expect(values(y!)[1]).toBeCloseTo(9, 5);
  });
});
