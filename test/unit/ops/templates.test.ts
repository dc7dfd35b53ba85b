import { describe, expect, it } from 'vitest';
import { DataType } from '../../../src/ir/dtype.js';
import { Tensor } from '../../../src/ir/tensor.js';
import { tensorType } from '../../../src/ir/types.js';
import { f32, i64, inferOp, runOp, values } from '../../helpers/ops.js';

describe('op test helpers', () => {
  it('runs Add with broadcasting and exact int64', () => {
    const [y] = runOp('Add', [f32([2, 2], [1, 2, 3, 4]), f32([2], [10, 20])]);
    expect(values(y!)).toEqual([11, 22, 13, 24]);
    const [z] = runOp('Add', [i64([1], [2n ** 62n]), i64([1], [3])]);
    expect(((z as Tensor).data() as BigInt64Array)[0]).toBe(2n ** 62n + 3n);
  });
  it('computes float16 in float32 and rounds once', () => {
    const h = Tensor.fromData(DataType.FLOAT16, [1], Uint16Array.of(0x3c00)); // 1.0
    const [y] = runOp('Add', [h, h]);
    expect((y as Tensor).dtype).toBe(DataType.FLOAT16);
    expect(((y as Tensor).data() as Uint16Array)[0]).toBe(0x4000); // 2.0
  });
  it('infers Reshape from a constant shape, and symbolically with -1', () => {
    const r = inferOp('Reshape', [tensorType(DataType.FLOAT, ['N', 3, 4]), i64([2], [0, -1])]);
    expect(r.types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 12]));
    const bad = inferOp('Reshape', [tensorType(DataType.FLOAT, [2, 3]), i64([2], [-1, -1])]);
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
  });
});
