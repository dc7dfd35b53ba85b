import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32, i64, inferOp, runOp, values } from '../../../helpers/ops.js';

const row = f32([1, 3], [1, 2, 3]);
const pad = (x: Tensor, pads: number[], mode: string, opset = 19, extra: (Tensor | undefined)[] = []) =>
  values(runOp('Pad', [x, i64([pads.length], pads), ...extra], { mode }, { opset })[0]!);

describe('Pad', () => {
  it('pads in each mode (wrap from opset 19); reflect repeats past the edge', () => {
    expect(pad(row, [0, 2, 0, 1], 'constant')).toEqual([0, 0, 1, 2, 3, 0]);
    expect(pad(row, [0, 2, 0, 1], 'edge')).toEqual([1, 1, 1, 2, 3, 3]);
    expect(pad(row, [0, 2, 0, 1], 'reflect')).toEqual([3, 2, 1, 2, 3, 2]);
    expect(pad(row, [0, 2, 0, 1], 'wrap')).toEqual([2, 3, 1, 2, 3, 1]);
    expect(pad(row, [0, 4, 0, 0], 'reflect')).toEqual([1, 2, 3, 2, 1, 2, 3]);
  });
  it('crops with negative pads, then pads what is left', () => {
    expect(pad(f32([5], [1, 2, 3, 4, 5]), [-1, 2], 'reflect')).toEqual([2, 3, 4, 5, 4, 3]);
    expect(pad(f32([5], [1, 2, 3, 4, 5]), [-2, -2], 'constant')).toEqual([3]);
  });
  it('takes constant_value and axes (opset 18), for int64 and strings', () => {
    const big = i64([2], [5, 6]);
    const y = runOp('Pad', [big, i64([2], [1, 0]), i64([], [2n ** 62n])], {}, { opset: 13 })[0] as Tensor;
    expect(y.data()).toEqual(BigInt64Array.of(2n ** 62n, 5n, 6n));
    const s = Tensor.fromData(DataType.STRING, [1, 2], ['a', 'b']);
    const z = runOp('Pad', [s, i64([2], [1, 1]), Tensor.fromData(DataType.STRING, [], ['-']), i64([1], [-1])], {}, { opset: 18 })[0] as Tensor;
    expect(z.data()).toEqual(['-', 'a', 'b', '-']);
  });
  it('Pad-2 reads pads and value from attributes, encoding the value to float16', () => {
    const h = Tensor.fromData(DataType.FLOAT16, [1], Uint16Array.of(0x3c00));
    const y = runOp('Pad', [h], { pads: [1, 0], value: 2 }, { opset: 2 })[0] as Tensor;
    expect(Array.from(y.data() as Uint16Array)).toEqual([0x4000, 0x3c00]);
  });
  it('rejects wrap before opset 19 and over-cropping', () => {
    expect(() => pad(row, [0, 1, 0, 1], 'wrap', 18)).toThrow(/mode "wrap"/);
    expect(() => pad(row, [0, -2, 0, -2], 'constant')).toThrow(/crop/);
  });
  it('infers padded dims, symbolically too', () => {
    const r = inferOp('Pad', [tensorType(DataType.FLOAT, ['N', 'C', 8]), i64([6], [0, 1, -1, 0, 1, 3])], {}, { opset: 18 });
    expect(r.types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 'C+2', 10]));
    const a = inferOp('Pad', [tensorType(DataType.FLOAT, ['N', 8]), i64([2], [2, 2]), undefined, i64([1], [1])], {}, { opset: 18 });
    expect(a.types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 12]));
  });
});

describe('CenterCropPad', () => {
  it('crops (start rounded down) and pads (extra on the right) to the target size', () => {
    const x = f32([2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const [y] = runOp('CenterCropPad', [x, i64([2], [3, 2])], {}, { opset: 18 });
    expect(values(y!)).toEqual([2, 3, 7, 8, 0, 0]);
    const [z] = runOp('CenterCropPad', [x, i64([1], [4])], { axes: [-1] }, { opset: 18 });
    expect(values(z!)).toEqual([1, 2, 3, 4, 6, 7, 8, 9]);
    expect(inferOp('CenterCropPad', [tensorType(DataType.FLOAT, ['N', 5, 5]), i64([2], [3, 7])], { axes: [1, 2] }, { opset: 18 }).types[0]).toEqual(
      tensorType(DataType.FLOAT, ['N', 3, 7]),
    );
  });
});
