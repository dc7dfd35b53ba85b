import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f16ToF32 } from '../../../../src/ir/float-formats.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

describe('DequantizeLinear', () => {
  it('dequantizes int32 without a zero point and uint8 per axis', () => {
    const [a] = runOp('DequantizeLinear', [Tensor.fromData(DataType.INT32, [3], Int32Array.of(-2147483648, 0, 2147483647)), f32([], [2])]);
    expect(values(a!)).toEqual([-4294967296, 0, 4294967296]);
    const x = Tensor.fromData(DataType.UINT8, [2, 3], Uint8Array.of(0, 128, 255, 10, 20, 30));
    const [b] = runOp('DequantizeLinear', [x, f32([3], [1, 0.5, 2]), Tensor.fromData(DataType.UINT8, [3], Uint8Array.of(128, 128, 0))], { axis: 1 });
    expect(values(b!)).toEqual([-128, 0, 510, -118, -54, 60]);
  });
  it('dequantizes blocks of int4 into float16 via output_dtype (opset 23)', () => {
    const x = Tensor.fromData(DataType.INT4, [1, 3], Int8Array.of(-8, 7, 3));
    const [y] = runOp('DequantizeLinear', [x, f32([1, 2], [0.5, 1.25]), Tensor.fromData(DataType.INT4, [1, 2], Int8Array.of(1, -1))], { axis: 1, block_size: 2, output_dtype: DataType.FLOAT16 }, { opset: 23 });
    expect((y as Tensor).dtype).toBe(DataType.FLOAT16);
    expect(Array.from((y as Tensor).data() as Uint16Array).map(f16ToF32)).toEqual([-4.5, 3, 5]);
  });
  it('needs output_dtype with a float8e8m0 scale (opset 24)', () => {
    const x = Tensor.fromData(DataType.INT8, [2], Int8Array.of(3, -3));
    const s = Tensor.fromData(DataType.FLOAT8E8M0, [], Uint8Array.of(126));
    expect(() => runOp('DequantizeLinear', [x, s], {}, { opset: 24 })).toThrow(/output_dtype/);
    const [y] = runOp('DequantizeLinear', [x, s], { output_dtype: DataType.FLOAT }, { opset: 24 });
    expect(values(y!)).toEqual([1.5, -1.5]);
  });
  it('infers the scale type, or output_dtype', () => {
    const x = tensorType(DataType.INT8, ['N', 4]);
    expect(inferOp('DequantizeLinear', [x, tensorType(DataType.FLOAT, [])]).types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 4]));
    expect(inferOp('DequantizeLinear', [x, tensorType(DataType.BFLOAT16, [4])], {}, { opset: 19 }).types[0]).toEqual(tensorType(DataType.BFLOAT16, ['N', 4]));
    expect(inferOp('DequantizeLinear', [x, tensorType(DataType.FLOAT, [])], { output_dtype: DataType.FLOAT16 }, { opset: 23 }).types[0]).toEqual(
      tensorType(DataType.FLOAT16, ['N', 4]),
    );
    const bad = inferOp('DequantizeLinear', [x, tensorType(DataType.FLOAT, [4]), tensorType(DataType.UINT8, [4])]);
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
  });
});
