import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import type { TensorType } from '../../../../src/ir/types.js';
import { i64, inferOp, runOp, values } from '../../../helpers/ops.js';

const size = (n: number) => Tensor.fromData(DataType.INT32, [], Int32Array.of(n));
const round = (v: number[]) => v.map((x) => Math.round(x * 1e6) / 1e6 + 0);

describe('window functions', () => {
  it('computes periodic and symmetric windows', () => {
    expect(round(values(runOp('HannWindow', [size(4)], {}, { opset: 17 })[0]!))).toEqual([0, 0.5, 1, 0.5]);
    expect(round(values(runOp('HannWindow', [size(5)], { periodic: 0 }, { opset: 17 })[0]!))).toEqual([0, 0.5, 1, 0.5, 0]);
    expect(round(values(runOp('HammingWindow', [size(2)], { periodic: 0 }, { opset: 17 })[0]!))).toEqual([0.086957, 0.086957]);
    expect(round(values(runOp('BlackmanWindow', [size(3)], { periodic: 0 }, { opset: 17 })[0]!))).toEqual([0, 1, 0]);
    expect(values(runOp('HannWindow', [size(1)], { periodic: 0 }, { opset: 17 })[0]!)).toEqual([1]);
  });

  it('honours output_datatype', () => {
    const [d] = runOp('HammingWindow', [i64([], [3])], { output_datatype: DataType.DOUBLE }, { opset: 17 });
    expect((d as Tensor).dtype).toBe(DataType.DOUBLE);
    expect((d as Tensor).data()[1]).toBeCloseTo(25 / 46 + 21 / 46 / 2, 12);
    const [i] = runOp('HannWindow', [size(4)], { output_datatype: DataType.INT64 }, { opset: 17 });
    expect(values(i!)).toEqual([0, 0, 1, 0]);
    expect(() => runOp('HannWindow', [size(4)], { output_datatype: DataType.BOOL }, { opset: 17 })).toThrow(/not a numeric type/);
  });

  it('infers [size] from a constant', () => {
    expect((inferOp('BlackmanWindow', [i64([], [10])], { output_datatype: DataType.FLOAT16 }, { opset: 17 }).types[0] as TensorType)).toEqual({ kind: 'tensor', elemType: DataType.FLOAT16, shape: [10] });
  });
});

describe('MelWeightMatrix', () => {
  it('builds triangles peaking at 1 over the one-sided bins', () => {
    const args = [i64([], [2]), i64([], [16]), i64([], [16]), Tensor.scalar(DataType.FLOAT, 0), Tensor.scalar(DataType.FLOAT, 8)];
    const [m] = runOp('MelWeightMatrix', args, {}, { opset: 17 });
    expect((m as Tensor).dims).toEqual([9, 2]);
    const v = values(m!);
    const col = (c: number) => v.filter((_, i) => i % 2 === c);
    expect(Math.max(...col(0))).toBe(1);
    expect(Math.max(...col(1))).toBe(1);
    // Each band rises then falls: no value outside [0, 1].
    expect(v.every((x) => x >= 0 && x <= 1)).toBe(true);
    const [d] = runOp('MelWeightMatrix', args, { output_datatype: DataType.DOUBLE }, { opset: 17 });
    expect((d as Tensor).dtype).toBe(DataType.DOUBLE);
    expect(values(d!)).toEqual(v);
  });

  it('infers [dft_length/2+1, num_mel_bins]', () => {
    const f = { kind: 'tensor' as const, elemType: DataType.FLOAT, shape: [] };
    const { types } = inferOp('MelWeightMatrix', [i64([], [8]), i64([], [1024]), i64([], [16000]), f, f], {}, { opset: 17 });
    expect((types[0] as TensorType).shape).toEqual([513, 8]);
  });
});
