import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { inferOp, runOp, values } from '../../../helpers/ops.js';

const u8 = (dims: number[], v: number[]) => Tensor.fromData(DataType.UINT8, dims, Uint8Array.from(v));
const i8 = (dims: number[], v: number[]) => Tensor.fromData(DataType.INT8, dims, Int8Array.from(v));

describe('ConvInteger', () => {
  it('centers x and per-channel w, padding contributes zero after centering', () => {
    const x = u8([1, 1, 3], [5, 6, 7]);
    const w = i8([2, 1, 2], [1, 1, 3, 3]);
    const [y] = runOp('ConvInteger', [x, w, u8([], [5]), i8([2], [0, 1])], { pads: [1, 0] });
    // x - 5 = [0, 1, 2] padded to [0, 0, 1, 2]; channel 0 weights [1, 1], channel 1 [2, 2].
    expect((y as Tensor).dtype).toBe(DataType.INT32);
    expect(values(y!)).toEqual([0, 1, 3, 0, 2, 6]);
  });
  it('rejects a per-channel zero point of the wrong length', () => {
    expect(() => runOp('ConvInteger', [u8([1, 1, 3], [1, 2, 3]), i8([2, 1, 2], [1, 1, 1, 1]), undefined, i8([3], [0, 0, 0])])).toThrow(/w_zero_point/);
  });
  it('infers int32 with symbolic dims', () => {
    expect(inferOp('ConvInteger', [tensorType(DataType.UINT8, ['N', 3, 'H', 'W']), tensorType(DataType.INT8, [4, 3, 1, 1])]).types[0]).toEqual(
      tensorType(DataType.INT32, ['N', 4, 'H', 'W']),
    );
  });
});

describe('QLinearConv', () => {
  it('requantizes each output channel with its own weight scale, after the int32 bias', () => {
    const x = u8([1, 1, 2], [12, 14]);
    const w = i8([2, 1, 1], [3, -2]);
    const f = (v: number[]) => Tensor.fromData(DataType.FLOAT, [v.length === 1 ? 1 : v.length].slice(v.length === 1 ? 1 : 0), Float32Array.from(v));
    const bias = Tensor.fromData(DataType.INT32, [2], Int32Array.of(1, -1));
    const [y] = runOp('QLinearConv', [x, f([0.5]), u8([], [10]), w, f([1, 0.25]), i8([2], [0, 0]), f([1]), u8([], [100]), bias]);
    // acc = (x - 10) * w + B: channel 0: [7, 13] * 0.5 -> [3.5, 6.5] -> rint [4, 6]; channel 1: [-5, -9] * 0.125 -> [-0.625, -1.125] -> [-1, -1].
    expect(values(y!)).toEqual([104, 106, 99, 99]);
  });
});
