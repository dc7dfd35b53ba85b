import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import type { Tensor } from '../../../../src/ir/tensor.js';
import { erf, erfc } from '../../../../src/ops/helpers/special.js';
import { tensorFromFloats, toFloat32 } from '../../../../src/ops/helpers/convert.js';
import { f32, runOp, values } from '../../../helpers/ops.js';

describe('Gelu', () => {
  it('has erf and erfc to double precision', () => {
    // Reference values from Python's math.erf / math.erfc.
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 15);
    expect(erf(-1.1)).toBeCloseTo(-0.8802050695740817, 15);
    expect(erf(2)).toBeCloseTo(0.9953222650189527, 15);
    expect(erfc(3) / 2.209049699858544e-5).toBeCloseTo(1, 13);
    expect(erfc(-0.3)).toBeCloseTo(1.3286267594591274, 15);
  });

  it('computes the exact form at opset 20, keeping tiny negative outputs (reference kernel)', () => {
    const [y] = runOp('Gelu', [f32([3], [1, -3, -8])], {}, { opset: 20, fast: false });
    const v = values(y!);
    expect(v[0]).toBeCloseTo(0.8413447460685429, 6);
    expect(v[1]).toBeCloseTo(-0.004049694, 6);
    // 0.5 * -8 * erfc(8 / sqrt 2) = -4.9767684594174555e-15 (Python), not 0.
    expect(v[2]! / -4.9767684594174555e-15).toBeCloseTo(1, 5);
  });

  it('computes the exact form on the fast kernel within float32 absolute precision', () => {
    const [y] = runOp('Gelu', [f32([3], [1, -3, -8])], {}, { opset: 20 });
    const v = values(y!);
    expect(v[0]).toBeCloseTo(0.8413447460685429, 6);
    expect(v[1]).toBeCloseTo(-0.004049694, 6);
    // The fast kernel computes 1 + erf, which cancels to 0 below about -5.5: off by 5e-15 at most.
    expect(Math.abs(v[2]! + 4.9767684594174555e-15)).toBeLessThan(1e-14);
  });

  it('computes the tanh approximation', () => {
    const [y] = runOp('Gelu', [f32([2], [1, -0.5])], { approximate: 'tanh' }, { opset: 20 });
    const g = (x: number) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
    expect(values(y!)[0]).toBeCloseTo(g(1), 6);
    expect(values(y!)[1]).toBeCloseTo(g(-0.5), 6);
  });

  it('handles bfloat16', () => {
    const x = tensorFromFloats(DataType.BFLOAT16, [2], [2, -1]);
    const [y] = runOp('Gelu', [x], {}, { opset: 20 });
    expect((y as Tensor).dtype).toBe(DataType.BFLOAT16);
    const v = toFloat32(y as Tensor);
    expect(v[0]).toBeCloseTo(1.9544997, 1);
    expect(v[1]).toBeCloseTo(-0.1586553, 2);
  });

  it('rejects an unknown approximation', () => {
    expect(() => runOp('Gelu', [f32([1], [1])], { approximate: 'fast' }, { opset: 20 })).toThrow(/approximate/);
  });
});
