import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import type { Node } from '../../../../src/ir/node.js';
import { tensorType } from '../../../../src/ir/types.js';
import { defaultRegistry } from '../../../../src/ops/all.js';
import { inferOp, runOp } from '../../../helpers/ops.js';
import { bigs, dimsOf, dtypeOf, nums, tensor } from '../../../helpers/math-tensors.js';

const { FLOAT16, BFLOAT16, DOUBLE, FLOAT, INT8, INT32, INT64, UINT32, UINT64 } = DataType;

describe('Sum, Mean, Max, Min', () => {
  it('broadcast any number of inputs', () => {
    const a = tensor(FLOAT, [2, 1], [1, 2]);
    const b = tensor(FLOAT, [3], [10, 20, 30]);
    const c = tensor(FLOAT, [1, 1], [100]);
    const [s] = runOp('Sum', [a, b, c]);
    expect(dimsOf(s)).toEqual([2, 3]);
    expect(nums(s)).toEqual([111, 121, 131, 112, 122, 132]);
    expect(nums(runOp('Max', [a, b, tensor(FLOAT, [], [15])])[0])).toEqual([15, 20, 30, 15, 20, 30]);
    expect(nums(runOp('Min', [b, a])[0])).toEqual([1, 1, 1, 2, 2, 2]);
    expect(nums(runOp('Mean', [a, b])[0])).toEqual([5.5, 10.5, 15.5, 6, 11, 16]);
  });
  it('round float16 sums once', () => {
    // 2048 + 1 + 1: pairwise float16 rounding would give 2048 twice (ties to even); one rounding gives 2050.
    const xs = [2048, 1, 1].map((v) => tensor(FLOAT16, [1], [v]));
    const [s] = runOp('Sum', xs);
    expect(dtypeOf(s)).toBe(FLOAT16);
    expect(nums(s)).toEqual([2050]);
    const [m] = runOp('Mean', [tensor(BFLOAT16, [1], [256]), tensor(BFLOAT16, [1], [1]), tensor(BFLOAT16, [1], [1])]);
    expect(nums(m)).toEqual([86]);
  });
  it('keep double precision in Mean', () => {
    const [m] = runOp('Mean', [tensor(DOUBLE, [1], [1]), tensor(DOUBLE, [1], [1 + 2 ** -50])]);
    expect(nums(m)).toEqual([1 + 2 ** -51]);
  });
  it('are exact on 64-bit integers and wrap like C', () => {
    const big = 2n ** 62n + 1n;
    expect(bigs(runOp('Max', [tensor(INT64, [2], [big, -5]), tensor(INT64, [2], [big - 1n, -(2n ** 63n)])], {}, { opset: 12 })[0])).toEqual([big, -5n]);
    expect(bigs(runOp('Min', [tensor(UINT64, [1], [2n ** 64n - 1n]), tensor(UINT64, [1], [2n ** 64n - 2n])], {}, { opset: 13 })[0])).toEqual([2n ** 64n - 2n]);
    expect(bigs(runOp('Sum', [tensor(INT64, [1], [2n ** 62n]), tensor(INT64, [1], [2n ** 62n])], {}, { opset: 13 })[0])).toEqual([-(2n ** 63n)]);
    expect(nums(runOp('Max', [tensor(UINT32, [1], [4294967295]), tensor(UINT32, [1], [1])], {}, { opset: 12 })[0])).toEqual([4294967295]);
    expect(nums(runOp('Min', [tensor(INT8, [2], [-128, 127]), tensor(INT8, [2], [0, 0])], {}, { opset: 12 })[0])).toEqual([-128, 0]);
  });
  it('propagate NaN through Max and Min', () => {
    const a = tensor(FLOAT, [3], [NaN, 1, 2]);
    const b = tensor(FLOAT, [3], [0, NaN, 1]);
    expect(nums(runOp('Max', [a, b])[0])).toEqual([NaN, NaN, 2]);
    expect(nums(runOp('Min', [b, a])[0])).toEqual([NaN, NaN, 1]);
  });
  it('copy a single input', () => {
    const a = tensor(INT32, [2], [3, -4]);
    const [y] = runOp('Max', [a], {}, { opset: 13 });
    expect(nums(y)).toEqual([3, -4]);
    expect(y).not.toBe(a);
  });
  it('require equal shapes before opset 8', () => {
    const a = tensor(FLOAT, [2], [1, 2]);
    expect(() => runOp('Sum', [a, tensor(FLOAT, [1], [1])], {}, { opset: 6 })).toThrow(/one shape/);
    expect(nums(runOp('Sum', [a, a, a], {}, { opset: 6 })[0])).toEqual([3, 6]);
    const r = inferOp('Max', [tensorType(FLOAT, ['N', 2]), tensorType(FLOAT, [3, 1])], {}, { opset: 6 });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
    expect(inferOp('Min', [tensorType(FLOAT, ['N', 2]), tensorType(FLOAT, [3, null])], {}, { opset: 6 }).types[0]).toEqual(tensorType(FLOAT, [3, 2]));
  });
  it('infer the broadcast shape and one element type', () => {
    expect(inferOp('Sum', [tensorType(FLOAT, ['N', 1]), tensorType(FLOAT, [4]), tensorType(FLOAT, [1, 1, 1])]).types[0]).toEqual(tensorType(FLOAT, [1, 'N', 4]));
    expect(inferOp('Mean', [tensorType(FLOAT, [2]), tensorType(DOUBLE, [2])]).diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
    expect(inferOp('Max', [tensorType(DataType.UNDEFINED, [2]), tensorType(INT64, [2])]).types[0]).toEqual(tensorType(INT64, [2]));
  });
});

describe('FLOPs of elementwise math ops', () => {
  function flopsOf(op: string, inputs: number, out: readonly number[]): number | undefined {
    const def = defaultRegistry.resolve('', op, 17)!.def;
    const node = { inputs: new Array(inputs).fill(undefined) } as unknown as Node;
    return def.flops!({ node, attr: undefined as never, inputShape: () => out, outputShape: () => out });
  }
  it('count one per output element per combining step', () => {
    expect(flopsOf('Sum', 3, [2, 5])).toBe(20);
    expect(flopsOf('Max', 1, [2, 5])).toBe(0);
    expect(flopsOf('Mean', 3, [2, 5])).toBe(30);
    expect(flopsOf('Mul', 2, [4, 5])).toBe(20);
    expect(flopsOf('Where', 3, [7])).toBe(7);
    expect(flopsOf('Erf', 1, [3, 3])).toBe(9);
  });
});
