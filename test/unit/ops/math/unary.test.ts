import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { tensorType } from '../../../../src/ir/types.js';
import { inferOp, runOp } from '../../../helpers/ops.js';
import { bigs, dtypeOf, nums, raw, tensor } from '../../../helpers/math-tensors.js';

const { FLOAT16, BFLOAT16, DOUBLE, FLOAT, INT8, INT32, INT64, UINT8, UINT64 } = DataType;

describe('unary float ops on narrow and wide floats', () => {
  // [op, dtype, input, expected (exact value of the rounded result), opset]
  const cases: [string, DataType, number, number, number?][] = [
    ['Exp', FLOAT16, 1, 2.71875],
    ['Exp', BFLOAT16, 1, 2.71875],
    ['Sqrt', BFLOAT16, 2, 1.4140625],
    ['Sqrt', FLOAT16, 2, 1.4140625],
    ['Reciprocal', FLOAT16, 3, 0.333251953125],
    ['Log', FLOAT16, 10, 2.302734375],
    ['Tanh', BFLOAT16, 0.5, 0.462890625],
    ['Sin', BFLOAT16, 1, 0.83984375, 22],
    ['Cos', BFLOAT16, 1, 0.5390625, 22],
    ['Tan', FLOAT16, 1, 1.5576171875],
    ['Asin', FLOAT16, 0.5, 0.5234375],
    ['Acos', FLOAT16, 0.5, 1.046875],
    ['Atan', FLOAT16, 1, 0.78515625],
    ['Sinh', FLOAT16, 1, 1.1748046875],
    ['Cosh', FLOAT16, 1, 1.54296875],
    ['Asinh', FLOAT16, 1, 0.88134765625],
    ['Acosh', FLOAT16, 2, 1.3173828125],
    ['Atanh', FLOAT16, 0.5, 0.54931640625],
    ['Erf', FLOAT16, 0.5, 0.52050781250],
    ['Erf', BFLOAT16, 1, 0.84375],
    ['Ceil', BFLOAT16, -1.5, -1],
    ['Floor', FLOAT16, -1.5, -2],
    ['Abs', BFLOAT16, -3.5, 3.5],
    ['Neg', FLOAT16, 2.5, -2.5],
    ['Sign', BFLOAT16, -0.25, -1],
  ];
  for (const [op, dt, x, want, opset] of cases) {
    it(`${op} on ${DataType[dt]}`, () => {
      const [y] = runOp(op, [tensor(dt, [1], [x])], {}, { opset: opset ?? 17 });
      expect(dtypeOf(y)).toBe(dt);
      expect(nums(y)).toEqual([want]);
    });
  }
  it('computes doubles in double precision', () => {
    const x = tensor(DOUBLE, [4], [0.5, 1, -2, 3]);
    const want = [0.5204998778130465, 0.8427007929497149, -0.9953222650189527, 0.9999779095030014];
    nums(runOp('Erf', [x])[0]).forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThanOrEqual(2.5e-16));
    const [e] = runOp('Exp', [tensor(DOUBLE, [1], [1])]);
    expect(nums(e)).toEqual([Math.E]);
    const [l] = runOp('Log', [tensor(DOUBLE, [1], [1e-300])]);
    expect(nums(l)[0]).toBeCloseTo(-690.7755278982137, 12);
  });
  it('keeps erf accurate in the tails and across its internal ranges', () => {
    const x = tensor(DOUBLE, [6], [1e-12, 0.4999, 2.4999, 2.5, 5, -7]);
    const y = nums(runOp('Erf', [x])[0]);
    const want = [1.1283791670955126e-12, 0.5204119951613866, 0.9995928300996666, 0.999593047982555, 0.9999999999984626, -1];
    y.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThanOrEqual(4e-16 * Math.abs(want[i]!)));
  });
  it('maps special values like C', () => {
    const [y] = runOp('Sqrt', [tensor(FLOAT, [3], [-1, Infinity, 0])]);
    expect(nums(y)).toEqual([NaN, Infinity, 0]);
    const [r] = runOp('Reciprocal', [tensor(FLOAT, [2], [0, -0])]);
    expect(nums(r)).toEqual([Infinity, -Infinity]);
    const [s] = runOp('Sign', [tensor(FLOAT, [4], [NaN, -0, 0, -Infinity])]);
    expect(nums(s)).toEqual([NaN, -0, 0, -1]);
  });
});

describe('Round', () => {
  it('rounds halves to even, keeping the sign of zero', () => {
    const [y] = runOp('Round', [tensor(FLOAT, [10], [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, 2.6, -0.2, 8388609.5])]);
    expect(nums(y)).toEqual([0, 2, 2, -0, -2, -2, 2, 3, -0, 8388610]);
    expect(Object.is(nums(y)[3], -0)).toBe(true);
  });
  it('rounds doubles beyond float32 precision and leaves huge values alone', () => {
    const [y] = runOp('Round', [tensor(DOUBLE, [3], [4503599627370495.5, 2 ** 60, -1e300])]);
    expect(nums(y)).toEqual([4503599627370496, 2 ** 60, -1e300]);
  });
  it('handles float16, and bfloat16 from opset 22', () => {
    expect(nums(runOp('Round', [tensor(FLOAT16, [2], [2.5, 3.5])])[0])).toEqual([2, 4]);
    expect(nums(runOp('Round', [tensor(BFLOAT16, [2], [-2.5, 6.5])], {}, { opset: 22 })[0])).toEqual([-2, 6]);
  });
});

describe('Abs, Neg and Sign on integers', () => {
  it('wrap the most negative value like C', () => {
    expect(nums(runOp('Abs', [tensor(INT8, [3], [-128, -5, 7])])[0])).toEqual([-128, 5, 7]);
    expect(nums(runOp('Neg', [tensor(INT32, [2], [-2147483648, 5])])[0])).toEqual([-2147483648, -5]);
  });
  it('are exact on int64 and uint64', () => {
    const big = -(2n ** 62n) - 3n;
    expect(bigs(runOp('Abs', [tensor(INT64, [2], [big, -(2n ** 63n)])])[0])).toEqual([2n ** 62n + 3n, -(2n ** 63n)]);
    expect(bigs(runOp('Neg', [tensor(INT64, [1], [big])])[0])).toEqual([2n ** 62n + 3n]);
    expect(bigs(runOp('Sign', [tensor(INT64, [3], [big, 0, 2n ** 62n])])[0])).toEqual([-1n, 0n, 1n]);
    expect(bigs(runOp('Abs', [tensor(UINT64, [1], [2n ** 64n - 1n])])[0])).toEqual([2n ** 64n - 1n]);
    expect(nums(runOp('Sign', [tensor(UINT8, [3], [0, 1, 255])])[0])).toEqual([0, 1, 1]);
  });
});

describe('Erf on integers (Erf-9)', () => {
  it('truncates the result toward zero', () => {
    expect(nums(runOp('Erf', [tensor(INT32, [4], [0, 1, 6, -7])], {}, { opset: 9 })[0])).toEqual([0, 0, 1, -1]);
    expect(bigs(runOp('Erf', [tensor(INT64, [3], [0, 9, -9])], {}, { opset: 9 })[0])).toEqual([0n, 1n, -1n]);
  });
});

describe('unary inference', () => {
  it('keeps type and symbolic shape', () => {
    const t = tensorType(FLOAT16, ['N', 3]);
    for (const op of ['Sqrt', 'Erf', 'Round', 'Abs', 'Tanh']) expect(inferOp(op, [t]).types[0]).toEqual(t);
  });
});

describe('narrow float bits', () => {
  it('rounds float16 results once, to nearest even', () => {
    // 1 + 2^-11 is halfway between two float16 values: ties to the even one (1.0).
    const [y] = runOp('Abs', [tensor(FLOAT, [1], [-(1 + 2 ** -11)])]);
    expect(nums(y)).toEqual([1 + 2 ** -11]);
    const [h] = runOp('Neg', [tensor(FLOAT16, [1], [-(1 + 2 ** -10)])]);
    expect(raw(h)).toEqual([0x3c01]);
  });
});
