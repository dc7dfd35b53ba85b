import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { f32, i64, runOp, values } from '../../../helpers/ops.js';

describe('Shrink', () => {
  it('shrinks floats', () => {
    const [y] = runOp('Shrink', [f32([5], [-2, -0.5, 0, 0.7, 3])], { lambd: 0.6, bias: 0.5 });
    expect(values(y!)).toEqual([-1.5, 0, 0, 0.19999998807907104, 2.5]);
  });

  it('keeps int8 and wraps uint8 like a C cast', () => {
    const x = Tensor.fromData(DataType.INT8, [4], Int8Array.of(-5, -1, 1, 5));
    const [y] = runOp('Shrink', [x], { lambd: 1.5, bias: 2 });
    expect((y as Tensor).dtype).toBe(DataType.INT8);
    expect(values(y!)).toEqual([-3, 0, 0, 3]);
    const u = Tensor.fromData(DataType.UINT8, [2], Uint8Array.of(1, 200));
    expect(values(runOp('Shrink', [u], { lambd: 0.5, bias: 3 })[0]!)).toEqual([254, 197]);
  });

  it('is exact on int64 beyond 2^53', () => {
    const big = 2n ** 60n + 1n;
    const [y] = runOp('Shrink', [i64([2], [big, -big])], { lambd: 1, bias: 1 });
    expect(Array.from((y as Tensor).data() as BigInt64Array)).toEqual([big - 1n, -big + 1n]);
  });
});
