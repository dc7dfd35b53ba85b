/** Ops that make tensors from shapes or indices: ConstantOfShape, EyeLike, OneHot, Range, NonZero, Trilu. */
import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32, i64, inferOp, runOp, values } from '../../../helpers/ops.js';

const t = (dtype: DataType, dims: number[], data: ArrayLike<unknown>) => Tensor.fromData(dtype, dims, data as never);

describe('ConstantOfShape', () => {
  it('fills with the value attribute (float 0 by default), any dtype', () => {
    const y = runOp('ConstantOfShape', [i64([2], [2, 1])])[0] as Tensor;
    expect(y.dtype).toBe(DataType.FLOAT);
    expect(values(y)).toEqual([0, 0]);
    const h = runOp('ConstantOfShape', [i64([1], [3])], { value: t(DataType.BFLOAT16, [1], Uint16Array.of(0x3f80)) }, { opset: 20 })[0] as Tensor;
    expect(Array.from(h.data() as Uint16Array)).toEqual([0x3f80, 0x3f80, 0x3f80]);
    const s = runOp('ConstantOfShape', [i64([0], [])], { value: i64([1], [2n ** 62n]) })[0] as Tensor;
    expect(s.dims).toEqual([]);
    expect(s.data()).toEqual(BigInt64Array.of(2n ** 62n));
  });
  it('infers the shape from symbolic values and rejects negative dims', () => {
    expect(inferOp('ConstantOfShape', [i64([2], [3, -1])]).diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
    expect(inferOp('ConstantOfShape', [tensorType(DataType.INT64, [3])]).types[0]).toEqual(tensorType(DataType.FLOAT, [null, null, null]));
  });
});

describe('EyeLike', () => {
  it('puts ones on diagonal k, in the requested dtype', () => {
    expect(values(runOp('EyeLike', [f32([2, 3], [0, 0, 0, 0, 0, 0])], { k: 1 })[0]!)).toEqual([0, 1, 0, 0, 0, 1]);
    const y = runOp('EyeLike', [f32([3, 2], [0, 0, 0, 0, 0, 0])], { k: -1, dtype: DataType.INT64 })[0] as Tensor;
    expect(y.data()).toEqual(BigInt64Array.of(0n, 0n, 1n, 0n, 0n, 1n));
    const b = runOp('EyeLike', [f32([2, 2], [0, 0, 0, 0])], { dtype: DataType.BFLOAT16 }, { opset: 22 })[0] as Tensor;
    expect(Array.from(b.data() as Uint16Array)).toEqual([0x3f80, 0, 0, 0x3f80]);
  });
});

describe('OneHot', () => {
  it('inserts the depth axis, wraps negative indices, leaves out-of-range rows off', () => {
    const [y] = runOp('OneHot', [i64([3], [0, -1, 5]), f32([], [3]), f32([2], [-1, 1])], { axis: 0 });
    expect((y as Tensor).dims).toEqual([3, 3]);
    expect(values(y!)).toEqual([1, -1, -1, -1, -1, -1, -1, 1, -1]);
    const s = runOp('OneHot', [f32([2], [1.7, 0]), i64([1], [2]), t(DataType.STRING, [2], ['n', 'y'])])[0] as Tensor;
    expect(s.data()).toEqual(['n', 'y', 'y', 'n']);
  });
  it('infers depth from a constant', () => {
    expect(inferOp('OneHot', [tensorType(DataType.INT64, ['N']), i64([], [10]), tensorType(DataType.FLOAT, [2])]).types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 10]));
  });
});

describe('Range', () => {
  it('counts ceil((limit - start) / delta) values, exactly for int64', () => {
    const big = runOp('Range', [i64([], [2n ** 60n]), i64([], [2n ** 60n + 5n]), i64([], [2])])[0] as Tensor;
    expect(big.data()).toEqual(BigInt64Array.of(2n ** 60n, 2n ** 60n + 2n, 2n ** 60n + 4n));
    expect(values(runOp('Range', [f32([], [1]), f32([], [0]), f32([], [0.5])])[0]!)).toEqual([]);
    expect(values(runOp('Range', [t(DataType.INT16, [], Int16Array.of(5)), t(DataType.INT16, [], Int16Array.of(-1)), t(DataType.INT16, [], Int16Array.of(-3))])[0]!)).toEqual([5, 2]);
    expect(() => runOp('Range', [f32([], [0]), f32([], [1]), f32([], [0])])).toThrow(/delta/);
  });
  it('Range-27 on float16: float32 stash by default, narrow accumulation otherwise', () => {
    const h = (v: number) => t(DataType.FLOAT16, [], Uint16Array.of(v));
    // start 2048, limit 2052, delta 1: 2049 and 2051 are float16 ties (to even).
    const [a] = runOp('Range', [h(0x6800), h(0x6802), h(0x3c00)], {}, { opset: 27 });
    expect(Array.from((a as Tensor).data() as Uint16Array)).toEqual([0x6800, 0x6800, 0x6801, 0x6802]);
    const [b] = runOp('Range', [h(0x6800), h(0x6802), h(0x3c00)], { stash_type: 10 }, { opset: 27 });
    expect(Array.from((b as Tensor).data() as Uint16Array)).toEqual([0x6800, 0x6800, 0x6800, 0x6800]);
  });
});

describe('NonZero', () => {
  it('lists coordinates of non-zero elements; NaN counts, -0 does not', () => {
    const [y] = runOp('NonZero', [f32([2, 2], [0, NaN, -0, 3])]);
    expect((y as Tensor).dims).toEqual([2, 2]);
    expect(values(y!)).toEqual([0, 1, 1, 1]);
    expect(values(runOp('NonZero', [t(DataType.STRING, [3], ['', 'a', 'b'])])[0]!)).toEqual([1, 2]);
    expect(inferOp('NonZero', [tensorType(DataType.FLOAT, ['N', 3, 4])]).types[0]).toEqual(tensorType(DataType.INT64, [3, null]));
  });
});

describe('Trilu', () => {
  it('keeps the upper or lower triangle of each matrix, k shifting the diagonal', () => {
    const x = f32([2, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(values(runOp('Trilu', [x])[0]!)).toEqual([1, 2, 3, 0, 5, 6, 7, 8, 9, 0, 11, 12]);
    expect(values(runOp('Trilu', [x, i64([], [-1])], { upper: 0 })[0]!)).toEqual([0, 0, 0, 4, 0, 0, 0, 0, 0, 10, 0, 0]);
    const s = runOp('Trilu', [t(DataType.STRING, [2, 2], ['a', 'b', 'c', 'd'])], { upper: 0 })[0] as Tensor;
    expect(s.data()).toEqual(['a', '', 'c', 'd']);
  });
});

describe('ReverseSequence', () => {
  it('reverses the first len steps of each batch entry (batch on axis 0)', () => {
    const x = f32([2, 3], [1, 2, 3, 4, 5, 6]);
    const [y] = runOp('ReverseSequence', [x, i64([2], [2, 3])], { batch_axis: 0, time_axis: 1 });
    expect(values(y!)).toEqual([2, 1, 3, 6, 5, 4]);
    expect(() => runOp('ReverseSequence', [x, i64([2], [4, 1])], { batch_axis: 0, time_axis: 1 })).toThrow(/out of range/);
  });
});

describe('BitCast', () => {
  it('reinterprets bits between types of one width, including sub-byte types', () => {
    const y = runOp('BitCast', [f32([2], [1, -2])], { to: DataType.INT32 }, { opset: 26 })[0] as Tensor;
    expect(values(y)).toEqual([0x3f800000, -0x40000000]);
    const u = runOp('BitCast', [t(DataType.INT4, [2], Int8Array.of(-1, 7))], { to: DataType.UINT4 }, { opset: 26 })[0] as Tensor;
    expect(values(u)).toEqual([15, 7]);
    expect(() => runOp('BitCast', [f32([1], [1])], { to: DataType.INT64 }, { opset: 26 })).toThrow(/width/);
    expect(inferOp('BitCast', [tensorType(DataType.DOUBLE, ['N'])], { to: DataType.COMPLEX64 }, { opset: 26 }).types[0]).toEqual(tensorType(DataType.COMPLEX64, ['N']));
  });
});
