import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { f16ToF32, f32ToF16 } from '../../../../src/ir/float-formats.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32, i64, inferOp, runOp, values } from '../../../helpers/ops.js';

const axis32 = (a: number) => Tensor.fromData(DataType.INT32, [], Int32Array.of(a));
const axis64 = (a: number) => i64([], [a]);

describe('CumSum', () => {
  it('scans int64 exactly, exclusive and reversed', () => {
    const x = i64([4], [2n ** 60n, 1n, 2n, 3n]);
    const [y] = runOp('CumSum', [x, axis64(0)], { exclusive: 1, reverse: 1 });
    expect(Array.from((y as Tensor).data() as BigInt64Array)).toEqual([6n, 5n, 3n, 0n]);
    const [z] = runOp('CumSum', [x, axis64(0)]);
    expect(((z as Tensor).data() as BigInt64Array)[3]).toBe(2n ** 60n + 6n);
  });
  it('scans a middle axis given as int32', () => {
    // [2,2,2]: sums along axis 1
    const [y] = runOp('CumSum', [f32([2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]), axis32(-2)]);
    expect(values(y!)).toEqual([1, 2, 4, 6, 5, 6, 12, 14]);
  });
  it('wraps int32 and rounds float16 once per output', () => {
    const [w] = runOp('CumSum', [Tensor.fromData(DataType.INT32, [2], Int32Array.of(2147483647, 1)), axis32(0)]);
    expect(values(w!)).toEqual([2147483647, -2147483648]);
    const h = Tensor.fromData(DataType.FLOAT16, [3], Uint16Array.from([0.1, 0.2, 0.3], f32ToF16));
    const [y] = runOp('CumSum', [h, axis32(0)]);
    const d = (y as Tensor).data() as Uint16Array;
    const x = [0.1, 0.2, 0.3].map((v) => f16ToF32(f32ToF16(v)));
    expect(Array.from(d)).toEqual([x[0]!, x[0]! + x[1]!, x[0]! + x[1]! + x[2]!].map(f32ToF16));
  });
  it('rejects an out-of-range or non-scalar axis', () => {
    expect(() => runOp('CumSum', [f32([2], [1, 2]), axis32(1)])).toThrow(/out of range/);
    expect(() => runOp('CumSum', [f32([2], [1, 2]), i64([2], [0, 0])])).toThrow(/0-D/);
  });
  it('infers the type of x and checks a constant axis', () => {
    const x = tensorType(DataType.FLOAT, ['N', 3]);
    expect(inferOp('CumSum', [x, tensorType(DataType.INT64, [])]).types[0]).toEqual(x);
    expect(inferOp('CumSum', [x, axis64(2)]).diagnostics.map((d) => d.message).join()).toMatch(/out of range/);
  });
});

describe('CumProd', () => {
  const op = { opset: 26 };
  it('multiplies along an axis, exclusive and reversed', () => {
    const x = f32([2, 3], [1, 2, 3, 4, 5, 6]);
    expect(values(runOp('CumProd', [x, axis32(1)], {}, op)[0]!)).toEqual([1, 2, 6, 4, 20, 120]);
    expect(values(runOp('CumProd', [x, axis32(0)], { exclusive: 1 }, op)[0]!)).toEqual([1, 1, 1, 1, 2, 3]);
    expect(values(runOp('CumProd', [x, axis32(-1)], { reverse: 1, exclusive: 1 }, op)[0]!)).toEqual([6, 3, 1, 30, 6, 1]);
  });
  it('wraps int32 products and keeps int64 exact', () => {
    const [w] = runOp('CumProd', [Tensor.fromData(DataType.INT32, [2], Int32Array.of(65536, 65537)), axis32(0)], {}, op);
    expect(values(w!)).toEqual([65536, 65536]); // 65536 * 65537 = 2^32 + 65536
    const [b] = runOp('CumProd', [i64([3], [2n ** 31n, 2n ** 31n, 3n]), axis64(0)], {}, op);
    expect(Array.from((b as Tensor).data() as BigInt64Array)).toEqual([2n ** 31n, 2n ** 62n, BigInt.asIntN(64, 3n * 2n ** 62n)]);
  });
});
