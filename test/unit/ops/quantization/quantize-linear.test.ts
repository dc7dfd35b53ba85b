import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32ToF16 } from '../../../../src/ir/float-formats.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

const u8 = (dims: number[], v: number[]) => Tensor.fromData(DataType.UINT8, dims, Uint8Array.from(v));
const i8 = (dims: number[], v: number[]) => Tensor.fromData(DataType.INT8, dims, Int8Array.from(v));

describe('QuantizeLinear', () => {
  it('rounds half to even and saturates', () => {
    const x = f32([8], [0.5, 1.5, 2.5, -0.5, -1.5, 300, -300, 126.5]);
    const [y] = runOp('QuantizeLinear', [x, f32([], [1]), i8([], [0])]);
    expect(values(y!)).toEqual([0, 2, 2, 0, -2, 127, -128, 126]);
    const [z] = runOp('QuantizeLinear', [x, f32([], [1])]);
    expect((z as Tensor).dtype).toBe(DataType.UINT8);
    expect(values(z!)).toEqual([0, 2, 2, 0, 0, 255, 0, 126]);
  });
  it('divides in float32 (x / scale rounds before rint)', () => {
    // 0.3 / 0.2 is 1.4999999 in float64 but 1.5 in float32, which rounds to 2.
    const [y] = runOp('QuantizeLinear', [f32([1], [0.3]), f32([], [0.2]), u8([], [0])]);
    expect(values(y!)).toEqual([2]);
  });
  it('quantizes int32 input and per axis with a negative axis', () => {
    const x = Tensor.fromData(DataType.INT32, [2, 2], Int32Array.of(100, 200, 300, 400));
    const [y] = runOp('QuantizeLinear', [x, f32([2], [2, 4]), u8([2], [1, 2])], { axis: -1 });
    expect(values(y!)).toEqual([51, 52, 151, 102]);
  });
  it('quantizes per block, the last block shorter (opset 21)', () => {
    const x = f32([1, 5], [1, 2, 3, 4, 5]);
    const [y] = runOp('QuantizeLinear', [x, f32([1, 3], [1, 2, 4]), i8([1, 3], [0, 10, -10])], { axis: 1, block_size: 2 }, { opset: 21 });
    expect(values(y!)).toEqual([1, 2, 12, 12, -9]);
    expect(() => runOp('QuantizeLinear', [x, f32([1, 2], [1, 2])], { axis: 1, block_size: 2 }, { opset: 21 })).toThrow(/blocked scale/);
  });
  it('uses output_dtype, 4-bit and 2-bit ranges (opsets 21, 25)', () => {
    const x = f32([4], [-20, -1.4, 1.6, 20]);
    const [a] = runOp('QuantizeLinear', [x, f32([], [1])], { output_dtype: DataType.INT4 }, { opset: 21 });
    expect((a as Tensor).dtype).toBe(DataType.INT4);
    expect(values(a!)).toEqual([-8, -1, 2, 7]);
    const [b] = runOp('QuantizeLinear', [x, f32([], [1])], { output_dtype: DataType.UINT2 }, { opset: 25 });
    expect(values(b!)).toEqual([0, 0, 2, 3]);
    const [c] = runOp('QuantizeLinear', [x, f32([], [1])], { output_dtype: DataType.INT16 }, { opset: 21 });
    expect(values(c!)).toEqual([-20, -1, 2, 20]);
    expect(() => runOp('QuantizeLinear', [x, f32([], [1]), u8([], [0])], { output_dtype: DataType.INT8 }, { opset: 21 })).toThrow(/output_dtype/);
  });
  it('quantizes to float8 with and without saturation (opset 19)', () => {
    const zero = (t: DataType) => Tensor.fromData(t, [], Uint8Array.of(0));
    const x = f32([3], [1000, -1000, 0.3]);
    const [a] = runOp('QuantizeLinear', [x, f32([], [1]), zero(DataType.FLOAT8E4M3FN)], {}, { opset: 19 });
    expect(Array.from((a as Tensor).data() as Uint8Array)).toEqual([0x7e, 0xfe, 0x2a]);
    const [b] = runOp('QuantizeLinear', [x, f32([], [1]), zero(DataType.FLOAT8E4M3FN)], { saturate: 0 }, { opset: 19 });
    expect(Array.from((b as Tensor).data() as Uint8Array).slice(0, 2)).toEqual([0x7f, 0xff]);
    // float8e5m2 reaches 57344: 1000 rounds to 1024; 1e5 overflows to infinity without saturation.
    const big = f32([3], [1e5, -1e5, 1000]);
    const [c] = runOp('QuantizeLinear', [big, f32([], [1]), zero(DataType.FLOAT8E5M2)], { saturate: 0 }, { opset: 19 });
    expect(Array.from((c as Tensor).data() as Uint8Array)).toEqual([0x7c, 0xfc, 0x64]);
    const [d] = runOp('QuantizeLinear', [big, f32([], [1]), zero(DataType.FLOAT8E5M2)], {}, { opset: 19 });
    expect(Array.from((d as Tensor).data() as Uint8Array)).toEqual([0x7b, 0xfb, 0x64]);
  });
  it('divides in the precision of a float16 scale', () => {
    // 1/3 in float16 is 0.33325; 0.5 / 0.33325 = 1.5004 -> 2 either way; 0.49987 / 0.33325 = 1.49996 in
    // float32 but exactly 1.5 once rounded to float16, so the tie goes to even: 2.
    const h = (v: number[]) => Tensor.fromData(DataType.FLOAT16, [v.length], Uint16Array.from(v, f32ToF16));
    const [y] = runOp('QuantizeLinear', [h([0.49987]), Tensor.fromData(DataType.FLOAT16, [], Uint16Array.of(f32ToF16(1 / 3))), u8([], [0])], {}, { opset: 19 });
    expect(values(y!)).toEqual([2]);
  });
  it('infers the quantized type and checks scale shapes', () => {
    const x = tensorType(DataType.FLOAT, ['N', 8, 'D']);
    expect(inferOp('QuantizeLinear', [x, tensorType(DataType.FLOAT, [])]).types[0]).toEqual(tensorType(DataType.UINT8, ['N', 8, 'D']));
    expect(inferOp('QuantizeLinear', [x, tensorType(DataType.FLOAT, [8]), tensorType(DataType.INT8, [8])]).types[0]).toEqual(tensorType(DataType.INT8, ['N', 8, 'D']));
    expect(inferOp('QuantizeLinear', [x, tensorType(DataType.FLOAT, [])], { output_dtype: DataType.UINT4 }, { opset: 21 }).types[0]).toEqual(
      tensorType(DataType.UINT4, ['N', 8, 'D']),
    );
    // A zero point of unknown type does not mean uint8.
    expect(inferOp('QuantizeLinear', [x, tensorType(DataType.FLOAT, []), tensorType(DataType.UNDEFINED, [])]).types[0]).toEqual(
      tensorType(DataType.UNDEFINED, ['N', 8, 'D']),
    );
    const codes = (r: ReturnType<typeof inferOp>) => r.diagnostics.map((d) => d.code);
    expect(codes(inferOp('QuantizeLinear', [x, tensorType(DataType.FLOAT, [7])]))).toEqual(['E_INFER']);
    expect(codes(inferOp('QuantizeLinear', [x, tensorType(DataType.FLOAT, ['N', 3, 'D'])], { block_size: 3 }, { opset: 21 }))).toEqual([]);
    expect(codes(inferOp('QuantizeLinear', [x, tensorType(DataType.FLOAT, ['N', 2, 'D'])], { block_size: 3 }, { opset: 21 }))).toEqual(['E_INFER']);
    expect(codes(inferOp('QuantizeLinear', [x, tensorType(DataType.FLOAT, [8]), tensorType(DataType.UINT8, [4])]))).toEqual(['E_INFER']);
  });
});
