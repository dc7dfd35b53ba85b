import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { bf16ToF32, f32ToBf16 } from '../../../../src/ir/float-formats.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

describe('AveragePool', () => {
  const x = f32([1, 1, 5], [1, 2, 3, 4, 5]);
  it('counts padding only when count_include_pad is set', () => {
    const [a] = runOp('AveragePool', [x], { kernel_shape: [3], pads: [1, 1] });
    expect(values(a!)).toEqual([1.5, 2, 3, 4, 4.5]);
    const [b] = runOp('AveragePool', [x], { kernel_shape: [3], pads: [1, 1], count_include_pad: 1 });
    expect(values(b!)).toEqual([1, 2, 3, 4, 3].map((v) => Math.fround(v)));
  });
  it('counts ceil-mode overhang as neither input nor padding', () => {
    // Windows of 2 with stride 2 over 5 values and pad 1 at the start: [-1,0], [1,2], [3,4], [5,6).
    const [a] = runOp('AveragePool', [x], { kernel_shape: [2], strides: [2], pads: [1, 0], ceil_mode: 1, count_include_pad: 1 });
    expect(values(a!)).toEqual([0.5, 2.5, 4.5]);
    const [b] = runOp('AveragePool', [f32([1, 1, 6], [1, 2, 3, 4, 5, 6])], { kernel_shape: [4], strides: [3], ceil_mode: 1, count_include_pad: 1 });
    // Windows [0,4) and [3,7): the second has 3 taps inside the input and none in padding.
    expect(values(b!)).toEqual([2.5, 5]);
  });
  it('uses dilations (opset 19)', () => {
    const [a] = runOp('AveragePool', [x], { kernel_shape: [2], dilations: [3] }, { opset: 19 });
    expect(values(a!)).toEqual([2.5, 3.5]);
  });
  it('computes bfloat16 in float32 and rounds once', () => {
    const v = [1.01, 2.02, 3.03];
    const b = Tensor.fromData(DataType.BFLOAT16, [1, 1, 3], Uint16Array.from(v, f32ToBf16));
    const [y] = runOp('AveragePool', [b], { kernel_shape: [3] }, { opset: 22 });
    const exact = v.map((t) => bf16ToF32(f32ToBf16(t))).reduce((p, q) => p + q) / 3;
    expect(Array.from((y as Tensor).data() as Uint16Array)).toEqual([f32ToBf16(exact)]);
  });
  it('infers SAME padding symbolically and requires kernel_shape', () => {
    const r = inferOp('AveragePool', [tensorType(DataType.FLOAT, ['N', 3, 'H', 'W'])], { kernel_shape: [3, 3], strides: [2, 2], auto_pad: 'SAME_UPPER' });
    expect(r.types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 3, 'ceil(H/2)', 'ceil(W/2)']));
    const missing = inferOp('AveragePool', [tensorType(DataType.FLOAT, [1, 3, 4, 4])], {});
    expect(missing.diagnostics.map((d) => d.code)).toContain('E_INFER');
  });
});
