import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32, i64, inferOp, runOp, values } from '../../../helpers/ops.js';

describe('Col2Im', () => {
  it('sums overlapping blocks (2x2 blocks with stride 1 over a 3x3 image)', () => {
    // Each of the 4 blocks puts 1 at each of its 4 positions: the counts of overlaps.
    const [y] = runOp('Col2Im', [f32([1, 4, 4], new Array(16).fill(1)), i64([2], [3, 3]), i64([2], [2, 2])], {}, { opset: 18 });
    expect((y as Tensor).dims).toEqual([1, 1, 3, 3]);
    expect(values(y!)).toEqual([1, 2, 1, 2, 4, 2, 1, 2, 1]);
  });
  it('handles pads, integer types and bool', () => {
    // 1-D image of 3 with pads 1 on each side, blocks of 2, stride 2: blocks start at -1 and 1.
    const ints = Tensor.fromData(DataType.INT32, [1, 2, 2], Int32Array.of(10, 20, 30, 40));
    const [y] = runOp('Col2Im', [ints, i64([1], [3]), i64([1], [2])], { pads: [1, 1], strides: [2] }, { opset: 18 });
    expect((y as Tensor).dtype).toBe(DataType.INT32);
    // Block 0 (start -1): tap 0 -> -1 (dropped), tap 1 -> 0 (30); block 1 (start 1): tap 0 -> 1 (20), tap 1 -> 2 (40).
    expect(values(y!)).toEqual([30, 20, 40]);
    const big = Tensor.fromData(DataType.INT64, [1, 2, 2], BigInt64Array.of(2n ** 60n, 1n, 3n, 2n ** 60n));
    const [z] = runOp('Col2Im', [big, i64([1], [3]), i64([1], [2])], {}, { opset: 18 });
    expect(Array.from((z as Tensor).data() as BigInt64Array)).toEqual([2n ** 60n, 4n, 2n ** 60n]);
    const b = Tensor.fromData(DataType.BOOL, [1, 2, 2], Uint8Array.of(0, 1, 0, 0));
    const [w] = runOp('Col2Im', [b, i64([1], [3]), i64([1], [2])], {}, { opset: 18 });
    expect(values(w!)).toEqual([0, 1, 0]);
  });
  it('checks the number of blocks', () => {
    expect(() => runOp('Col2Im', [f32([1, 4, 3], new Array(12).fill(1)), i64([2], [3, 3]), i64([2], [2, 2])], {}, { opset: 18 })).toThrow(/blocks/);
  });
  it('infers from constant shapes, or only the rank', () => {
    const x = tensorType(DataType.FLOAT, ['N', 12, 'L']);
    expect(inferOp('Col2Im', [x, i64([2], [5, 6]), i64([2], [2, 3])], {}, { opset: 18 }).types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 2, 5, 6]));
    expect(inferOp('Col2Im', [x, tensorType(DataType.INT64, [3]), tensorType(DataType.INT64, [3])], {}, { opset: 18 }).types[0]).toEqual(
      tensorType(DataType.FLOAT, ['N', null, null, null, null]),
    );
    const bad = inferOp('Col2Im', [tensorType(DataType.FLOAT, [1, 12, 5]), i64([2], [5, 6]), i64([2], [2, 3])], {}, { opset: 18 });
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
  });
});
