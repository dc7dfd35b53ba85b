import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { tensorType } from '../../../../src/ir/types.js';
import { GraphBuilder } from '../../../../src/ops/builder.js';
import { inferModel } from '../../../../src/infer/infer-shapes.js';
import { i64, inferOp, runOp } from '../../../helpers/ops.js';
import { bigs, dtypeOf, nums, tensor } from '../../../helpers/math-tensors.js';

const { FLOAT16, BFLOAT16, DOUBLE, FLOAT, INT8, INT16, INT32, INT64, UINT8, UINT32, UINT64 } = DataType;

describe('Sub, Mul, Div kernels', () => {
  it('multiply 32-bit integers exactly modulo 2^32', () => {
    const [y] = runOp('Mul', [tensor(INT32, [3], [65537, 2147483647, -46341]), tensor(INT32, [3], [65537, 3, 46341])]);
    expect(nums(y)).toEqual([131073, 2147483645, -2147488281 + 2 ** 32]);
    const [u] = runOp('Mul', [tensor(UINT32, [1], [4294967295]), tensor(UINT32, [1], [4294967295])]);
    expect(nums(u)).toEqual([1]);
    const [b] = runOp('Mul', [tensor(INT8, [1], [100]), tensor(INT8, [1], [3])]);
    expect(nums(b)).toEqual([44]);
  });
  it('multiply and subtract int64/uint64 exactly, wrapping at 64 bits', () => {
    const [y] = runOp('Mul', [i64([2], [3037000499n, 2n ** 62n]), i64([2], [3037000499n, 4n])]);
    expect(bigs(y)).toEqual([9223372030926249001n, 0n]);
    const [d] = runOp('Sub', [tensor(UINT64, [1], [0]), tensor(UINT64, [1], [1])]);
    expect(bigs(d)).toEqual([2n ** 64n - 1n]);
    const [s] = runOp('Sub', [i64([1], [-(2n ** 63n)]), i64([1], [1])]);
    expect(bigs(s)).toEqual([2n ** 63n - 1n]);
  });
  it('divide integers truncating toward zero', () => {
    const [y] = runOp('Div', [tensor(INT32, [4], [7, -7, 7, -7]), tensor(INT32, [4], [2, 2, -2, -2])]);
    expect(nums(y)).toEqual([3, -3, -3, 3]);
    const [b] = runOp('Div', [i64([3], [-7, 2n ** 62n + 1n, 5]), i64([3], [2, 3, 0])]);
    expect(bigs(b)).toEqual([-3n, 1537228672809129301n, 0n]);
    const [u] = runOp('Div', [tensor(UINT8, [2], [255, 7]), tensor(UINT8, [2], [2, 0])]);
    expect(nums(u)).toEqual([127, 0]);
  });
  it('compute narrow floats in float32 and round once', () => {
    const [y] = runOp('Div', [tensor(FLOAT16, [2], [1, 2]), tensor(FLOAT16, [2], [3, 0])]);
    expect(dtypeOf(y)).toBe(FLOAT16);
    expect(nums(y)).toEqual([0.333251953125, Infinity]);
    const [b] = runOp('Sub', [tensor(BFLOAT16, [1], [1]), tensor(BFLOAT16, [1], [2 ** -9])]);
    expect(nums(b)).toEqual([1]);
    const [d] = runOp('Mul', [tensor(DOUBLE, [1], [0.1]), tensor(DOUBLE, [1], [3])]);
    expect(nums(d)).toEqual([0.30000000000000004]);
  });
  it('accept int8/int16/uint8 from opset 14', () => {
    const [y] = runOp('Sub', [tensor(INT16, [2], [-32768, 5]), tensor(INT16, [2], [1, 7])], {}, { opset: 14 });
    expect(nums(y)).toEqual([32767, -2]);
  });
  it('broadcast B onto A at an axis before opset 7', () => {
    const a = tensor(FLOAT, [2, 3, 2], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const b = tensor(FLOAT, [3], [100, 200, 300]);
    const [y] = runOp('Sub', [a, b], { broadcast: 1, axis: 1 }, { opset: 6 });
    expect(nums(y)).toEqual([-100, -99, -198, -197, -296, -295, -94, -93, -192, -191, -290, -289]);
    const [m] = runOp('Mul', [a, tensor(FLOAT, [2], [1, 10])], { broadcast: 1 }, { opset: 6 });
    expect(nums(m)).toEqual([0, 10, 2, 30, 4, 50, 6, 70, 8, 90, 10, 110]);
    expect(() => runOp('Div', [a, b], {}, { opset: 6 })).toThrow(/broadcast=0/);
  });
  it('fail on shapes that do not broadcast', () => {
    expect(() => runOp('Mul', [tensor(FLOAT, [2, 3], [1, 2, 3, 4, 5, 6]), tensor(FLOAT, [2], [1, 2])])).toThrow(/cannot be broadcast/);
  });
});

describe('Sub, Mul, Div inference', () => {
  it('broadcasts symbolic shapes and takes the type from either input', () => {
    expect(inferOp('Mul', [tensorType(FLOAT, ['N', 1, 4]), tensorType(FLOAT, [3, 1])]).types[0]).toEqual(tensorType(FLOAT, ['N', 3, 4]));
    expect(inferOp('Sub', [tensorType(DataType.UNDEFINED, [2]), tensorType(INT64, [2])]).types[0]).toEqual(tensorType(INT64, [2]));
  });
  it('reports mismatched types and shapes', () => {
    expect(inferOp('Div', [tensorType(FLOAT, [2]), tensorType(INT64, [2])]).diagnostics.map((d) => d.message).join()).toMatch(/one type/);
    expect(inferOp('Sub', [tensorType(FLOAT, [2, 3]), tensorType(FLOAT, [4])]).diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
  });
  it('checks limited broadcasting before opset 7', () => {
    const a = tensorType(FLOAT, [2, 3, 4]);
    expect(inferOp('Mul', [a, tensorType(FLOAT, [3])], { broadcast: 1, axis: 1 }, { opset: 6 }).types[0]).toEqual(a);
    expect(inferOp('Mul', [a, tensorType(FLOAT, [3])], { broadcast: 1 }, { opset: 6 }).diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
    expect(inferOp('Sub', [a, tensorType(FLOAT, [4])], {}, { opset: 1 }).diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
  });
  it('computes shape values with symbolic dims', () => {
    // Reshape x[N,4] to (N*2, 2): shape = Mul(Div(Shape(x), [1,2]), [2,1]), then Sub(.., [0,0]).
    const b = new GraphBuilder({ '': 17 });
    const x = b.input('x', FLOAT, ['N', 4]);
    const [s] = b.node('Shape', [x]);
    const [d] = b.node('Div', [s, b.initializer('two', i64([2], [1, 2]))]);
    const [m] = b.node('Mul', [d, b.initializer('swap', i64([2], [2, 1]))]);
    const [z] = b.node('Sub', [m, b.initializer('zero', i64([1], [0]))]);
    const [y] = b.node('Reshape', [x, z!]);
    b.output(y!);
    const r = inferModel(b.build(), { apply: false });
    expect(r.symbolic.get(d!)).toEqual(['N', 2]);
    expect(r.symbolic.get(m!)).toEqual(['2*N', 2]);
    expect(r.inferred.get(y!)).toEqual(tensorType(FLOAT, ['2*N', 2]));
  });
});

describe('Mod', () => {
  it('follows Python % for integers (fmod=0)', () => {
    const [y] = runOp('Mod', [tensor(INT32, [4], [-4, 4, -4, 4]), tensor(INT32, [4], [3, -3, -3, 3])]);
    expect(nums(y)).toEqual([2, -2, -1, 1]);
    const [b] = runOp('Mod', [i64([3], [-(2n ** 62n) - 1n, 7, 5]), i64([3], [2n ** 40n, -2, 0])]);
    expect(bigs(b)).toEqual([2n ** 40n - 1n, -1n, 0n]);
    const [u] = runOp('Mod', [tensor(UINT64, [1], [2n ** 64n - 1n]), tensor(UINT64, [1], [10])]);
    expect(bigs(u)).toEqual([5n]);
  });
  it('follows C fmod with fmod=1, on floats and integers', () => {
    const [y] = runOp('Mod', [tensor(FLOAT, [4], [-4.5, 4.5, 5, Infinity]), tensor(FLOAT, [4], [2, -2, Infinity, 1])], { fmod: 1 });
    expect(nums(y)).toEqual([-0.5, 0.5, 5, NaN]);
    const [i] = runOp('Mod', [tensor(INT8, [2], [-7, 7]), tensor(INT8, [2], [3, -3])], { fmod: 1 });
    expect(nums(i)).toEqual([-1, 1]);
    const [h] = runOp('Mod', [tensor(FLOAT16, [1], [-5.5]), tensor(FLOAT16, [1], [2])], { fmod: 1 });
    expect(nums(h)).toEqual([-1.5]);
  });
  it('rejects floats with fmod=0, in the kernel and in inference', () => {
    expect(() => runOp('Mod', [tensor(FLOAT, [1], [1]), tensor(FLOAT, [1], [2])])).toThrow(/fmod=0/);
    const r = inferOp('Mod', [tensorType(DOUBLE, [2]), tensorType(DOUBLE, [2])]);
    expect(r.diagnostics.map((d) => d.message).join()).toMatch(/fmod=0/);
    expect(inferOp('Mod', [tensorType(INT32, [2]), tensorType(INT32, [2])], { fmod: 2 }).diagnostics.length).toBe(1);
  });
});

describe('Pow', () => {
  it('raises integers exactly, wrapping like C', () => {
    const [y] = runOp('Pow', [tensor(INT32, [4], [3, -2, 2, 7]), tensor(INT32, [4], [20, 3, 31, 0])]);
    expect(nums(y)).toEqual([-808182895, -8, -2147483648, 1]);
    const [b] = runOp('Pow', [i64([3], [3, -3, 2]), i64([3], [39, 3, 64])]);
    expect(bigs(b)).toEqual([4052555153018976267n, -27n, 0n]);
  });
  it('gives truncated 1/x^n for negative integer exponents', () => {
    const [y] = runOp('Pow', [tensor(INT32, [4], [2, -1, 1, -1]), tensor(INT32, [4], [-1, -3, -5, -2])]);
    expect(nums(y)).toEqual([0, -1, 1, 1]);
    const [b] = runOp('Pow', [i64([2], [-1, 5]), i64([2], [-(2n ** 62n) - 1n, -1])]);
    expect(bigs(b)).toEqual([-1n, 0n]);
  });
  it('mixes base and exponent types (opset 12+)', () => {
    const [a] = runOp('Pow', [tensor(INT64, [2], [3, 2]), tensor(FLOAT, [2], [2, 0.5])]);
    expect(dtypeOf(a)).toBe(INT64);
    expect(bigs(a)).toEqual([9n, 1n]);
    const [c] = runOp('Pow', [tensor(FLOAT16, [2], [2, 3]), tensor(INT64, [2], [10, -1])]);
    expect(dtypeOf(c)).toBe(FLOAT16);
    expect(nums(c)).toEqual([1024, 0.333251953125]);
    const [d] = runOp('Pow', [tensor(INT32, [1], [-3]), tensor(UINT64, [1], [2n ** 63n + 1n])]);
    // (-3)^(2^63+1) mod 2^32: odd powers of -3 cycle with period 2^30.
    expect(nums(d)).toEqual([-3]);
    const [e] = runOp('Pow', [tensor(DOUBLE, [1], [2]), tensor(UINT8, [1], [200])], {}, { opset: 15 });
    expect(nums(e)).toEqual([2 ** 200]);
  });
  it("follows C's pow in special cases", () => {
    const [y] = runOp('Pow', [tensor(FLOAT, [4], [1, -1, NaN, -8]), tensor(FLOAT, [4], [NaN, Infinity, 0, 1 / 3])]);
    expect(nums(y)).toEqual([1, 1, 1, NaN]);
  });
  it('squares with a scalar exponent of 2, NaN and infinities included', () => {
    const [y] = runOp('Pow', [tensor(DOUBLE, [5], [-3, 1e200, NaN, -Infinity, 1.1]), tensor(DOUBLE, [], [2])]);
    expect(nums(y)).toEqual([9, Infinity, NaN, Infinity, 1.2100000000000002]);
    const [h] = runOp('Pow', [tensor(FLOAT16, [2], [300, -0.5]), tensor(INT64, [1], [2])]);
    expect(nums(h)).toEqual([Infinity, 0.25]);
  });
  it('broadcasts with limits before opset 7', () => {
    const [y] = runOp('Pow', [tensor(FLOAT, [2, 2], [1, 2, 3, 4]), tensor(FLOAT, [2], [2, 3])], { broadcast: 1, axis: 0 }, { opset: 1 });
    expect(nums(y)).toEqual([1, 4, 27, 64]);
  });
  it('infers the type of the base', () => {
    expect(inferOp('Pow', [tensorType(INT32, ['N']), tensorType(FLOAT, [1])]).types[0]).toEqual(tensorType(INT32, ['N']));
  });
});

describe('BitShift', () => {
  it('shifts and drops bits beyond the type width', () => {
    const [l] = runOp('BitShift', [tensor(UINT8, [4], [200, 1, 3, 255]), tensor(UINT8, [4], [1, 7, 8, 255])], { direction: 'LEFT' });
    expect(nums(l)).toEqual([144, 128, 0, 0]);
    const [r] = runOp('BitShift', [tensor(UINT32, [3], [4294967295, 16, 5]), tensor(UINT32, [3], [31, 4, 32])], { direction: 'RIGHT' });
    expect(nums(r)).toEqual([1, 1, 0]);
    const [u] = runOp('BitShift', [tensor(UINT32, [1], [3]), tensor(UINT32, [1], [31])], { direction: 'LEFT' });
    expect(nums(u)).toEqual([2147483648]);
  });
  it('is exact on uint64, with broadcasting', () => {
    const [l] = runOp('BitShift', [tensor(UINT64, [3], [1, 3, 2n ** 64n - 1n]), tensor(UINT64, [1], [63])], { direction: 'LEFT' });
    expect(bigs(l)).toEqual([2n ** 63n, 2n ** 63n, 2n ** 63n]);
    const [r] = runOp('BitShift', [tensor(UINT64, [2], [2n ** 64n - 1n, 5]), tensor(UINT64, [2], [60, 64])], { direction: 'RIGHT' });
    expect(bigs(r)).toEqual([15n, 0n]);
  });
  it('rejects an unknown direction', () => {
    expect(() => runOp('BitShift', [tensor(UINT8, [1], [1]), tensor(UINT8, [1], [1])], { direction: 'UP' })).toThrow(/LEFT/);
    expect(inferOp('BitShift', [tensorType(UINT8, [1]), tensorType(UINT8, [1])], { direction: 'left' }).diagnostics.length).toBe(1);
  });
});
