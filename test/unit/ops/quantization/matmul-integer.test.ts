import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { inferOp, runOp, values } from '../../../helpers/ops.js';

const u8 = (dims: number[], v: number[]) => Tensor.fromData(DataType.UINT8, dims, Uint8Array.from(v));
const i8 = (dims: number[], v: number[]) => Tensor.fromData(DataType.INT8, dims, Int8Array.from(v));

describe('MatMulInteger', () => {
  it('subtracts per-row and per-column zero points', () => {
    const a = u8([2, 2], [10, 20, 30, 40]);
    const b = i8([2, 2], [1, -1, 2, -2]);
    const [y] = runOp('MatMulInteger', [a, b, u8([2], [10, 30]), i8([2], [1, -1])]);
    // A - zp = [[0, 10], [0, 10]]; B - zp = [[0, 0], [1, -1]].
    expect((y as Tensor).dtype).toBe(DataType.INT32);
    expect(values(y!)).toEqual([10, -10, 10, -10]);
  });
  it('broadcasts batch dims and handles 1-D operands', () => {
    const a = u8([2, 1, 3], [1, 2, 3, 4, 5, 6]);
    const b = u8([3, 2], [1, 0, 0, 1, 1, 1]);
    const [y] = runOp('MatMulInteger', [a, b]);
    expect((y as Tensor).dims).toEqual([2, 1, 2]);
    expect(values(y!)).toEqual([4, 5, 10, 11]);
    const [v] = runOp('MatMulInteger', [u8([3], [1, 2, 3]), b]);
    expect((v as Tensor).dims).toEqual([2]);
    expect(values(v!)).toEqual([4, 5]);
  });
  it('infers numpy matmul shapes', () => {
    expect(inferOp('MatMulInteger', [tensorType(DataType.UINT8, ['B', 'S', 64]), tensorType(DataType.INT8, [64, 128])]).types[0]).toEqual(
      tensorType(DataType.INT32, ['B', 'S', 128]),
    );
    const bad = inferOp('MatMulInteger', [tensorType(DataType.UINT8, [4, 64]), tensorType(DataType.INT8, [32, 128])]);
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
  });
});
