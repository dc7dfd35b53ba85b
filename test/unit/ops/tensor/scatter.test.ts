import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { f32, i64, runOp, values } from '../../../helpers/ops.js';

const f16 = (dims: number[], bits: number[]) => Tensor.fromData(DataType.FLOAT16, dims, Uint16Array.from(bits));

describe('ScatterElements', () => {
  it('combines duplicates with every reduction (opset 18)', () => {
    const data = f32([1, 3], [1, 2, 3]);
    const idx = i64([1, 3], [1, 1, -1]);
    const upd = f32([1, 3], [5, 0.5, 7]);
    const run = (reduction: string) => values(runOp('ScatterElements', [data, idx, upd], { axis: 1, reduction }, { opset: 18 })[0]!);
    expect(run('none')).toEqual([1, 0.5, 7]);
    expect(run('add')).toEqual([1, 7.5, 10]);
    expect(run('mul')).toEqual([1, 5, 21]);
    expect(run('max')).toEqual([1, 5, 7]);
    expect(run('min')).toEqual([1, 0.5, 3]);
  });
  it('reduces int64 exactly and float16 in float32', () => {
    const big = runOp('ScatterElements', [i64([2], [2n ** 60n, 1]), i64([2], [0, 0]), i64([2], [3, 4])], { reduction: 'add' }, { opset: 18 })[0] as Tensor;
    expect(big.data()).toEqual(BigInt64Array.of(2n ** 60n + 7n, 1n));
    const h = runOp('ScatterElements', [f16([2], [0x3c00, 0x4000]), i64([2], [1, 1]), f16([2], [0x3c00, 0x3c00])], { reduction: 'add' }, { opset: 16 })[0] as Tensor;
    expect(Array.from(h.data() as Uint16Array)).toEqual([0x3c00, 0x4400]); // [1, 4]
  });
  it('legacy Scatter writes without reduction; strings move too', () => {
    const s = Tensor.fromData(DataType.STRING, [3], ['a', 'b', 'c']);
    const [y] = runOp('Scatter', [s, i64([1], [2]), Tensor.fromData(DataType.STRING, [1], ['z'])], {}, { opset: 9 });
    expect((y as Tensor).data()).toEqual(['a', 'b', 'z']);
    expect(() => runOp('ScatterElements', [s, i64([1], [0]), Tensor.fromData(DataType.STRING, [1], ['z'])], { reduction: 'add' }, { opset: 18 })).toThrow(/does not apply/);
  });
});

describe('ScatterND', () => {
  it('writes slices and reduces with max/min (opset 18)', () => {
    const data = f32([2, 2], [1, 2, 3, 4]);
    const idx = i64([2, 1], [1, -2]);
    const upd = f32([2, 2], [9, 0, 0, 9]);
    expect(values(runOp('ScatterND', [data, idx, upd])[0]!)).toEqual([0, 9, 9, 0]);
    expect(values(runOp('ScatterND', [data, idx, upd], { reduction: 'max' }, { opset: 18 })[0]!)).toEqual([1, 9, 9, 4]);
    expect(values(runOp('ScatterND', [data, idx, upd], { reduction: 'min' }, { opset: 18 })[0]!)).toEqual([0, 2, 3, 0]);
  });
  it('rejects updates of the wrong shape', () => {
    expect(() => runOp('ScatterND', [f32([2, 2], [1, 2, 3, 4]), i64([1, 1], [0]), f32([3], [1, 2, 3])])).toThrow(/updates must have shape \[1,2\]/);
  });
});

describe('TensorScatter', () => {
  const past = f32([2, 4, 1], [0, 0, 0, 0, 0, 0, 0, 0]);
  const upd = f32([2, 2, 1], [1, 2, 3, 4]);
  it('writes each batch at its write index (linear)', () => {
    const [y] = runOp('TensorScatter', [past, upd, i64([2], [1, 2])], { axis: 1 }, { opset: 24 });
    expect(values(y!)).toEqual([0, 1, 2, 0, 0, 0, 3, 4]);
    const [z] = runOp('TensorScatter', [past, upd], { axis: -2 }, { opset: 24 });
    expect(values(z!)).toEqual([1, 2, 0, 0, 3, 4, 0, 0]);
  });
  it('wraps in circular mode and rejects overflow in linear mode', () => {
    const [y] = runOp('TensorScatter', [past, upd, i64([2], [3, 0])], { axis: 1, mode: 'circular' }, { opset: 24 });
    expect(values(y!)).toEqual([2, 0, 0, 1, 3, 4, 0, 0]);
    expect(() => runOp('TensorScatter', [past, upd, i64([2], [3, 0])], { axis: 1 }, { opset: 24 })).toThrow(/out of range/);
  });
});
