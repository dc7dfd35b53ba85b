import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import type { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { tensorFromFloats, toFloat32 } from '../../../../src/ops/helpers/convert.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

const x = f32([2, 2, 2], [1, 2, 3, 4, 0, 0, 5, -1]);

function softmax(v: number[]): number[] {
  const m = Math.max(...v);
  const e = v.map((a) => Math.exp(a - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((a) => a / s);
}

describe('Softmax, LogSoftmax, Hardmax', () => {
  it('normalizes along one axis from opset 13', () => {
    const [y] = runOp('Softmax', [x], { axis: 1 }, { opset: 13 });
    const got = values(y!);
    // Columns along axis 1: (1,3), (2,4), (0,5), (0,-1).
    const cols = [
      [0, 2],
      [1, 3],
      [4, 6],
      [5, 7],
    ];
    for (const [a, b] of cols) {
      const [pa, pb] = softmax([x.data()[a!] as number, x.data()[b!] as number]);
      expect(got[a!]).toBeCloseTo(pa!, 6);
      expect(got[b!]).toBeCloseTo(pb!, 6);
    }
  });

  it('coerces to 2-D at axis before opset 13', () => {
    const [y] = runOp('Softmax', [x], { axis: 1 }, { opset: 11 });
    const got = values(y!);
    const row0 = softmax([1, 2, 3, 4]);
    const row1 = softmax([0, 0, 5, -1]);
    [...row0, ...row1].forEach((p, i) => expect(got[i]).toBeCloseTo(p, 6));
  });

  it('computes log-softmax stably for large values', () => {
    const [y] = runOp('LogSoftmax', [f32([3], [1000, 1001, 1002])], {}, { opset: 13 });
    const got = values(y!);
    const lse = 1002 + Math.log(Math.exp(-2) + Math.exp(-1) + 1);
    expect(got[0]).toBeCloseTo(1000 - lse, 4);
    expect(got[2]).toBeCloseTo(1002 - lse, 4);
  });

  it('marks the first maximum in Hardmax, strided and coerced', () => {
    const t = f32([2, 3], [3, 7, 7, 1, 1, 1]);
    expect(values(runOp('Hardmax', [t], { axis: 0 }, { opset: 13 })[0]!)).toEqual([1, 1, 1, 0, 0, 0]);
    expect(values(runOp('Hardmax', [t], { axis: 1 }, { opset: 13 })[0]!)).toEqual([0, 1, 0, 1, 0, 0]);
    expect(values(runOp('Hardmax', [t], { axis: 0 }, { opset: 11 })[0]!)).toEqual([0, 1, 0, 0, 0, 0]);
  });

  it('keeps float16 and rounds once', () => {
    const h = tensorFromFloats(DataType.FLOAT16, [4], [0.5, 1.5, -2, 0]);
    const [y] = runOp('Softmax', [h], {}, { opset: 13 });
    expect((y as Tensor).dtype).toBe(DataType.FLOAT16);
    const want = softmax([0.5, 1.5, -2, 0]);
    Array.from(toFloat32(y as Tensor)).forEach((p, i) => expect(Math.abs(p - want[i]!)).toBeLessThan(1e-3 * want[i]! + 1e-6));
  });

  it('infers the input type with symbolic dims and rejects a bad axis', () => {
    const t = tensorType(DataType.FLOAT, ['N', 10]);
    expect(inferOp('LogSoftmax', [t], { axis: -1 }).types[0]).toEqual(t);
    expect(inferOp('Softmax', [t], { axis: 2 }, { opset: 13 }).diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
    // Coerced versions accept axis == rank.
    expect(inferOp('Softmax', [t], { axis: 2 }, { opset: 11 }).diagnostics).toEqual([]);
  });
});
