import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32, i64, inferOp, runOp, values } from '../../../helpers/ops.js';

const str = (dims: number[], data: string[]) => Tensor.fromData(DataType.STRING, dims, data);

describe('Gather', () => {
  it('gathers along an axis with negative indices and keeps the index shape', () => {
    const x = f32([2, 3], [1, 2, 3, 4, 5, 6]);
    const [y] = runOp('Gather', [x, i64([2, 2], [-1, 0, 1, 1])], { axis: 1 });
    expect((y as Tensor).dims).toEqual([2, 2, 2]);
    expect(values(y!)).toEqual([3, 1, 2, 2, 6, 4, 5, 5]);
  });
  it('gathers strings, int64 and float16 bits unchanged', () => {
    expect((runOp('Gather', [str([3], ['a', 'b', 'c']), i64([2], [2, 0])])[0] as Tensor).data()).toEqual(['c', 'a']);
    const big = i64([2], [2n ** 62n + 1n, -5]);
    expect((runOp('Gather', [big, i64([], [0])])[0] as Tensor).data()).toEqual(BigInt64Array.of(2n ** 62n + 1n));
    const h = Tensor.fromData(DataType.FLOAT16, [2], Uint16Array.of(0x3c00, 0xfc00));
    expect(Array.from((runOp('Gather', [h, i64([1], [1])])[0] as Tensor).data() as Uint16Array)).toEqual([0xfc00]);
  });
  it('rejects out-of-range indices', () => {
    expect(() => runOp('Gather', [f32([2], [1, 2]), i64([1], [2])])).toThrow(/out of range/);
    expect(inferOp('Gather', [tensorType(DataType.FLOAT, [2]), i64([1], [-3])]).diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
  });
  it('infers data[:axis] + indices + data[axis+1:] with symbolic dims', () => {
    const r = inferOp('Gather', [tensorType(DataType.FLOAT, ['N', 'S', 4]), tensorType(DataType.INT64, ['B', 2])], { axis: 1 });
    expect(r.types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 'B', 2, 4]));
  });
});

describe('GatherElements', () => {
  it('picks per element along the axis, negative indices included', () => {
    const x = f32([2, 2], [1, 2, 3, 4]);
    const [y] = runOp('GatherElements', [x, i64([2, 2], [0, 0, -1, 0])], { axis: 1 });
    expect(values(y!)).toEqual([1, 1, 4, 3]);
    const [z] = runOp('GatherElements', [x, Tensor.fromData(DataType.INT32, [1, 2], Int32Array.of(1, 0))], { axis: 0 });
    expect(values(z!)).toEqual([3, 2]);
  });
});

describe('GatherND', () => {
  it('gathers slices with batch_dims and negative indices', () => {
    const x = f32([2, 2, 2], [0, 1, 2, 3, 4, 5, 6, 7]);
    const [y] = runOp('GatherND', [x, i64([2, 1], [1, -2])], { batch_dims: 1 });
    expect((y as Tensor).dims).toEqual([2, 2]);
    expect(values(y!)).toEqual([2, 3, 4, 5]);
    const [z] = runOp('GatherND', [str([2, 2], ['a', 'b', 'c', 'd']), i64([2, 2], [0, 1, 1, 0])]);
    expect((z as Tensor).data()).toEqual(['b', 'c']);
  });
  it('infers indices.dims[:-1] + data.dims[b+k:]', () => {
    const r = inferOp('GatherND', [tensorType(DataType.FLOAT, ['B', 5, 6, 7]), tensorType(DataType.INT64, ['B', 'K', 2])], { batch_dims: 1 });
    expect(r.types[0]).toEqual(tensorType(DataType.FLOAT, ['B', 'K', 7]));
  });
});

describe('Compress', () => {
  it('selects along an axis or from the flattened input; infers from a constant condition', () => {
    const x = f32([2, 3], [1, 2, 3, 4, 5, 6]);
    const cond = Tensor.fromData(DataType.BOOL, [3], Uint8Array.of(1, 0, 1));
    expect(values(runOp('Compress', [x, cond], { axis: 1 })[0]!)).toEqual([1, 3, 4, 6]);
    expect(values(runOp('Compress', [x, cond])[0]!)).toEqual([1, 3]);
    expect(inferOp('Compress', [tensorType(DataType.FLOAT, ['N', 3]), cond], { axis: 1 }).types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 2]));
  });
});
