import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import type { TensorType } from '../../../../src/ir/types.js';
import { encodeFloats, toFloat32 } from '../../../../src/ops/helpers/convert.js';
import { i64, inferOp, runOp, values } from '../../../helpers/ops.js';

/** A direct O(n^2) DFT of a real signal, for comparison. */
function naive(x: number[], inverse = false): number[] {
  const n = x.length;
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    let re = 0;
    let im = 0;
    for (let t = 0; t < n; t++) {
      const a = ((inverse ? 2 : -2) * Math.PI * k * t) / n;
      re += x[t]! * Math.cos(a);
      im += x[t]! * Math.sin(a);
    }
    out.push(inverse ? re / n : re, inverse ? im / n : im);
  }
  return out;
}

const f64 = (dims: number[], v: number[]) => Tensor.fromData(DataType.DOUBLE, dims, Float64Array.from(v));

describe('DFT', () => {
  it('matches a direct DFT for power-of-two and other lengths (Bluestein)', () => {
    for (const n of [1, 2, 7, 8, 12, 97]) {
      const x = Array.from({ length: n }, (_, i) => Math.sin(i * 1.3) + i / n);
      const [y] = runOp('DFT', [f64([1, n, 1], x)], {}, { opset: 17 });
      const got = values(y!);
      const want = naive(x);
      expect(got.length).toBe(2 * n);
      got.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 9));
    }
  });

  it('inverts, zero-pads and truncates to dft_length', () => {
    const x = [1, 2, 3, 4, 5];
    const [inv] = runOp('DFT', [f64([1, 5, 1], x)], { inverse: 1 }, { opset: 17 });
    values(inv!).forEach((v, i) => expect(v).toBeCloseTo(naive(x, true)[i]!, 12));
    const [pad] = runOp('DFT', [f64([1, 5, 1], x), i64([], [8])], {}, { opset: 17 });
    values(pad!).forEach((v, i) => expect(v).toBeCloseTo(naive([...x, 0, 0, 0])[i]!, 12));
    const [cut] = runOp('DFT', [f64([1, 5, 1], x), i64([], [3]), i64([], [1])], { onesided: 1 }, { opset: 20 });
    expect((cut as Tensor).dims).toEqual([1, 2, 2]);
    values(cut!).forEach((v, i) => expect(v).toBeCloseTo(naive([1, 2, 3])[i]!, 12));
  });

  it('IRFFT rebuilds a real signal from a one-sided spectrum', () => {
    const x = [0.5, -1, 2, 3, 0.25, 1];
    const spec = naive(x).slice(0, 2 * 4); // bins 0..3 of n = 6
    const [y] = runOp('DFT', [f64([1, 4, 2], spec)], { inverse: 1, onesided: 1 }, { opset: 20 });
    expect((y as Tensor).dims).toEqual([1, 6, 1]);
    values(y!).forEach((v, i) => expect(v).toBeCloseTo(x[i]!, 12));
  });

  it('computes float16 in float32 and keeps the type', () => {
    const x = Tensor.fromData(DataType.FLOAT16, [4, 1], encodeFloats(DataType.FLOAT16, [1, 0, -1, 0]));
    const [y] = runOp('DFT', [x], { axis: 0 }, { opset: 17 });
    expect((y as Tensor).dtype).toBe(DataType.FLOAT16);
    expect(Array.from(toFloat32(y as Tensor)).map((v) => Math.round(v * 1000) / 1000)).toEqual([0, 0, 2, 0, 0, 0, 2, 0]);
  });

  it('infers output shapes, symbolic where the input is', () => {
    const t = { kind: 'tensor' as const, elemType: DataType.FLOAT, shape: ['B', 'N', 1] };
    expect((inferOp('DFT', [t], { onesided: 1 }, { opset: 17 }).types[0] as TensorType).shape).toEqual(['B', 'floor(N/2)+1', 2]);
    expect((inferOp('DFT', [t, i64([], [16])], { onesided: 1 }, { opset: 17 }).types[0] as TensorType).shape).toEqual(['B', 9, 2]);
    const c = { kind: 'tensor' as const, elemType: DataType.FLOAT, shape: ['B', 'N', 2] };
    expect((inferOp('DFT', [c, undefined, i64([], [-2])], { inverse: 1, onesided: 1 }, { opset: 20 }).types[0] as TensorType).shape).toEqual(['B', '2*N-2', 1]);
    const bad = inferOp('DFT', [c], { axis: 2 }, { opset: 17 });
    expect(bad.diagnostics.some((d) => /axis 2 is out of range/.test(d.message))).toBe(true);
  });
});
