import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType, type TensorType } from '../../../../src/ir/types.js';
import { f32, i64, inferOp, runOp, values } from '../../../helpers/ops.js';

describe('TopK', () => {
  it('breaks ties by the lower index, largest and smallest', () => {
    const x = f32([6], [3, 1, 3, 2, 1, 3]);
    const [v, i] = runOp('TopK', [x, i64([1], [4])], {}, { outputs: 2 });
    expect(values(v!)).toEqual([3, 3, 3, 2]);
    expect(values(i!)).toEqual([0, 2, 5, 3]);
    const [v2, i2] = runOp('TopK', [x, i64([1], [3])], { largest: 0 }, { outputs: 2 });
    expect(values(v2!)).toEqual([1, 1, 2]);
    expect(values(i2!)).toEqual([1, 4, 3]);
  });
  it('agrees between the small-k selection and the full sort, NaN first when largest', () => {
    const data = Array.from({ length: 40 }, (_, i) => (i * 7) % 9);
    data[13] = NaN;
    const x = f32([40], data);
    const [vAll, iAll] = runOp('TopK', [x, i64([1], [40])], {}, { outputs: 2 });
    const [v5, i5] = runOp('TopK', [x, i64([1], [5])], {}, { outputs: 2 });
    expect(values(i5!)).toEqual(values(iAll!).slice(0, 5));
    expect(values(v5!)).toEqual(values(vAll!).slice(0, 5));
    expect(values(i5!)[0]).toBe(13);
    const [, small] = runOp('TopK', [x, i64([1], [40])], { largest: 0 }, { outputs: 2 });
    expect(values(small!)[39]).toBe(13);
  });
  it('works along a middle axis, on int64 beyond 2^53 and float16', () => {
    const x = f32([2, 3, 2], [1, 6, 2, 5, 3, 4, 9, 0, 8, 1, 7, 2]);
    const [v, i] = runOp('TopK', [x, i64([1], [2])], { axis: 1 }, { outputs: 2 });
    expect(values(v!)).toEqual([3, 6, 2, 5, 9, 2, 8, 1]);
    expect(values(i!)).toEqual([2, 0, 1, 1, 0, 2, 1, 1]);
    const big = i64([3], [2n ** 60n, 2n ** 60n + 1n, 5]);
    expect((runOp('TopK', [big, i64([1], [1])], {}, { outputs: 2 })[0] as Tensor).data()).toEqual(BigInt64Array.of(2n ** 60n + 1n));
    const h = Tensor.fromData(DataType.FLOAT16, [3], Uint16Array.of(0x3c00, 0xc000, 0x4000)); // 1, -2, 2
    expect(Array.from((runOp('TopK', [h, i64([1], [2])], { largest: 0 }, { outputs: 2 })[0] as Tensor).data() as Uint16Array)).toEqual([0xc000, 0x3c00]);
  });
  it('TopK-1 takes k from the attribute; k larger than the axis fails', () => {
    const [v] = runOp('TopK', [f32([3], [1, 3, 2])], { k: 2 }, { opset: 1, outputs: 2 });
    expect(values(v!)).toEqual([3, 2]);
    expect(() => runOp('TopK', [f32([2], [1, 2]), i64([1], [3])], {}, { outputs: 2 })).toThrow(/k \(3\)/);
  });
  it('infers k from a constant, unknown otherwise', () => {
    const r = inferOp('TopK', [tensorType(DataType.FLOAT, ['N', 10]), i64([1], [3])], {}, { outputs: 2 });
    expect(r.types).toEqual([tensorType(DataType.FLOAT, ['N', 3]), tensorType(DataType.INT64, ['N', 3])]);
    const u = inferOp('TopK', [tensorType(DataType.FLOAT, ['N', 10]), tensorType(DataType.INT64, [1])], {}, { outputs: 2 });
    expect((u.types[0] as TensorType).shape!.length).toBe(2);
  });
});
