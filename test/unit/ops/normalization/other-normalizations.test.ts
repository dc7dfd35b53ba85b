import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { tensorFromFloats, toFloat32 } from '../../../../src/ops/helpers/convert.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

describe('LpNormalization', () => {
  const x = f32([2, 2], [3, -4, 0, 0]);
  it('divides by the L2 or L1 norm, leaving zero vectors at zero', () => {
    expect(values(runOp('LpNormalization', [x])[0]!)).toEqual([0.6000000238418579, -0.800000011920929, 0, 0]);
    expect(values(runOp('LpNormalization', [x], { p: 1, axis: 0 })[0]!)).toEqual([1, -1, 0, 0]);
  });
  it('accepts only p = 1 or 2', () => {
    expect(inferOp('LpNormalization', [tensorType(DataType.FLOAT, [2])], { p: 3 }).diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
  });
});

describe('LRN', () => {
  it('sums squares over the channel window', () => {
    // C=3, size=2: window [c, c+1].
    const [y] = runOp('LRN', [f32([1, 3, 1, 1], [1, 2, 3])], { size: 2, alpha: 2, beta: 1, bias: 1 });
    const want = [1 / (1 + (1 + 4)), 2 / (1 + (4 + 9)), 3 / (1 + 9)];
    values(y!).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 6));
  });
});

describe('MeanVarianceNormalization', () => {
  it('normalizes over the given axes, in double', () => {
    const x = Tensor.fromData(DataType.DOUBLE, [2, 2], Float64Array.of(1, 3, 10, 30));
    const [y] = runOp('MeanVarianceNormalization', [x], { axes: [1] });
    const got = values(y!);
    [-1, 1, -1, 1].forEach((v, i) => expect(got[i]).toBeCloseTo(v, 8));
  });
});

describe('InstanceNormalization', () => {
  it('computes float16 in float32', () => {
    const x = tensorFromFloats(DataType.FLOAT16, [1, 1, 4], [1, 2, 3, 4]);
    const [y] = runOp('InstanceNormalization', [x, tensorFromFloats(DataType.FLOAT16, [1], [2]), tensorFromFloats(DataType.FLOAT16, [1], [1])], { epsilon: 0 });
    expect((y as Tensor).dtype).toBe(DataType.FLOAT16);
    const s = Math.sqrt(1.25);
    Array.from(toFloat32(y as Tensor)).forEach((v, i) => expect(v).toBeCloseTo(((i + 1 - 2.5) / s) * 2 + 1, 2));
  });
});

describe('RMSNormalization', () => {
  it('gives Y the type of scale', () => {
    const r = inferOp('RMSNormalization', [tensorType(DataType.FLOAT, ['N', 8]), tensorType(DataType.FLOAT16, [8])], {}, { opset: 23 });
    expect(r.types[0]).toEqual(tensorType(DataType.FLOAT16, ['N', 8]));
    const [y] = runOp('RMSNormalization', [f32([1, 2], [3, 4]), f32([2], [1, 2])], { epsilon: 0 }, { opset: 23 });
    const rms = Math.sqrt(12.5);
    expect(values(y!)[0]).toBeCloseTo(3 / rms, 6);
    expect(values(y!)[1]).toBeCloseTo(8 / rms, 6);
  });
});
