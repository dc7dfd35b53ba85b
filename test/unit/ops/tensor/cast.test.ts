import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { formatFloat } from '../../../../src/ops/helpers/cast.js';
import { f32, i64, inferOp, runOp, values } from '../../../helpers/ops.js';

const t = (dtype: DataType, dims: number[], data: ArrayLike<unknown>) => Tensor.fromData(dtype, dims, data as never);
const cast = (x: Tensor, to: DataType, attrs: Record<string, number | string> = {}, opset = 21) =>
  runOp('Cast', [x], { to, ...attrs }, { opset })[0] as Tensor;
const raw = (x: Tensor) => Array.from(x.data() as ArrayLike<number | bigint | string>);

describe('Cast', () => {
  it('formats floats as numpy does (float32 0.0001 is below 1e-4, so scientific)', () => {
    const x = f32([9], [0.1, 100, 1e-5, 1.5e16, -0, NaN, -Infinity, 123456789, 0.0001]);
    expect(raw(cast(x, DataType.STRING))).toEqual(['0.1', '100.0', '1e-05', '1.5e+16', '-0.0', 'nan', '-inf', '123456790.0', '1e-04']);
    const d = t(DataType.DOUBLE, [2], Float64Array.of(0.1, 1 / 3));
    expect(raw(cast(d, DataType.STRING))).toEqual(['0.1', '0.3333333333333333']);
    const h = t(DataType.FLOAT16, [1], Uint16Array.of(0x2e66)); // float16 nearest to 0.1
    expect(raw(cast(h, DataType.STRING))).toEqual(['0.1']);
    expect(formatFloat(2.5e-7)).toBe('2.5e-07');
  });

  it('formats integers and bools', () => {
    expect(raw(cast(i64([2], [-(2n ** 63n), 7]), DataType.STRING))).toEqual(['-9223372036854775808', '7']);
    expect(raw(cast(t(DataType.BOOL, [2], Uint8Array.of(1, 0)), DataType.STRING))).toEqual(['True', 'False']);
  });

  it('parses strings: INF/NaN in any case, scientific notation, exact int64', () => {
    const s = t(DataType.STRING, [6], ['+INF', '-inf', 'NaN', '1E8', ' 2.5 ', '-1e-5']);
    expect(values(cast(s, DataType.FLOAT))).toEqual([Infinity, -Infinity, NaN, 1e8, 2.5, Math.fround(-1e-5)]);
    const big = cast(t(DataType.STRING, [2], ['9223372036854775807', '-12']), DataType.INT64);
    expect(raw(big)).toEqual([2n ** 63n - 1n, -12n]);
    expect(raw(cast(t(DataType.STRING, [1], ['100.7']), DataType.INT32))).toEqual([100]);
  });

  it('truncates floats to ints and wraps integers to the target width', () => {
    expect(raw(cast(f32([4], [2.7, -2.7, 300, -1]), DataType.INT8))).toEqual([2, -2, 44, -1]);
    expect(raw(cast(t(DataType.INT16, [1], Int16Array.of(200)), DataType.INT8))).toEqual([-56]);
    expect(raw(cast(i64([2], [2n ** 40n + 5n, -1]), DataType.UINT8))).toEqual([5, 255]);
    expect(raw(cast(i64([1], [-1]), DataType.UINT64))).toEqual([2n ** 64n - 1n]);
    expect(raw(cast(f32([3], [0, -0, NaN]), DataType.BOOL))).toEqual([0, 0, 1]);
  });

  it('rounds to 4-bit and 2-bit integers half to even, then keeps the low bits', () => {
    expect(raw(cast(f32([6], [2.5, 3.5, -8, 7, 8, -9]), DataType.INT4))).toEqual([2, 4, -8, 7, -8, 7]);
    expect(raw(cast(f32([3], [15, 16, 0.5]), DataType.UINT4))).toEqual([15, 0, 0]);
    expect(raw(cast(f32([4], [-2, 1, 2, 1.5]), DataType.INT2))).toEqual([-2, 1, -2, -2]);
    expect(values(cast(t(DataType.INT4, [2], Int8Array.of(-8, 7)), DataType.FLOAT))).toEqual([-8, 7]);
  });

  it('rounds double to float16 once (no double rounding through float32)', () => {
    // 1 + 2^-11 + 2^-40: just above the halfway point between two float16 values; via float32 it
    // would round to the halfway point and then to even (1.0).
    const x = t(DataType.DOUBLE, [1], Float64Array.of(1 + 2 ** -11 + 2 ** -40));
    expect(raw(cast(x, DataType.FLOAT16))).toEqual([0x3c01]);
    expect(raw(cast(t(DataType.DOUBLE, [1], Float64Array.of(1e6)), DataType.FLOAT16))).toEqual([0x7c00]);
  });

  it('saturates float8 unless saturate=0', () => {
    const x = f32([3], [1000, -Infinity, 0.4]);
    expect(raw(cast(x, DataType.FLOAT8E4M3FN))).toEqual([0x7e, 0xfe, 0x2d]);
    expect(raw(cast(x, DataType.FLOAT8E4M3FN, { saturate: 0 }))).toEqual([0x7f, 0xff, 0x2d]);
    expect(raw(cast(f32([2], [1e6, -Infinity]), DataType.FLOAT8E5M2, { saturate: 0 }))).toEqual([0x7c, 0xfc]);
    expect(raw(cast(f32([1], [1e6]), DataType.FLOAT8E5M2))).toEqual([0x7b]);
  });

  it('rounds to float8e8m0 by round_mode (opset 24)', () => {
    const x = f32([3], [3, 5, 0.75]);
    const e = (mode: string) => values(cast(cast(x, DataType.FLOAT8E8M0, { round_mode: mode }, 24), DataType.FLOAT, {}, 24));
    expect(e('up')).toEqual([4, 8, 1]);
    expect(e('down')).toEqual([2, 4, 0.5]);
    expect(e('nearest')).toEqual([4, 4, 1]);
  });

  it('reads the Cast-1 target as a type name', () => {
    const [y] = runOp('Cast', [f32([2], [1.5, -2.5])], { to: 'INT32' }, { opset: 1 });
    expect(raw(y as Tensor)).toEqual([1, -2]);
  });

  it('infers the target type, keeps dim values through integer casts, rejects unknown types', () => {
    expect(inferOp('Cast', [tensorType(DataType.FLOAT, ['N', 3])], { to: DataType.FLOAT16 }).types[0]).toEqual(tensorType(DataType.FLOAT16, ['N', 3]));
    expect(inferOp('Cast', [tensorType(DataType.FLOAT, [2])], { to: 99 }).diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
    const like = inferOp('CastLike', [tensorType(DataType.INT64, ['N']), tensorType(DataType.BFLOAT16, [1])]);
    expect(like.types[0]).toEqual(tensorType(DataType.BFLOAT16, ['N']));
  });

  it('CastLike takes the type of its second input', () => {
    const [y] = runOp('CastLike', [f32([2], [1.25, 3]), i64([1], [0])]);
    expect(raw(y as Tensor)).toEqual([1n, 3n]);
  });
});
