import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { tensorType } from '../../../../src/ir/types.js';
import { inferOp, runOp } from '../../../helpers/ops.js';
import { bigs, nums, tensor } from '../../../helpers/math-tensors.js';

const { INT8, INT16, INT32, INT64, UINT16, UINT32, UINT64 } = DataType;
const o18 = { opset: 18 };

describe('BitwiseAnd, BitwiseOr, BitwiseXor, BitwiseNot', () => {
  it('work on signed integers in two’s complement', () => {
    const a = tensor(INT8, [3], [-1, -128, 0x55]);
    const b = tensor(INT8, [3], [0x0f, -1, -86]);
    expect(nums(runOp('BitwiseAnd', [a, b], {}, o18)[0])).toEqual([15, -128, 0]);
    expect(nums(runOp('BitwiseOr', [a, b], {}, o18)[0])).toEqual([-1, -1, -1]);
    expect(nums(runOp('BitwiseXor', [a, b], {}, o18)[0])).toEqual([-16, 127, -1]);
    expect(nums(runOp('BitwiseNot', [tensor(INT16, [2], [0, -32768])], {}, o18)[0])).toEqual([-1, 32767]);
  });
  it('work on unsigned 32-bit values above 2^31', () => {
    const a = tensor(UINT32, [1], [0xf0f0f0f0]);
    const b = tensor(UINT32, [1], [0xff00ff00]);
    expect(nums(runOp('BitwiseAnd', [a, b], {}, o18)[0])).toEqual([0xf000f000]);
    expect(nums(runOp('BitwiseXor', [a, b], {}, o18)[0])).toEqual([0x0ff00ff0]);
    expect(nums(runOp('BitwiseNot', [a], {}, o18)[0])).toEqual([0x0f0f0f0f]);
    expect(nums(runOp('BitwiseNot', [tensor(UINT16, [1], [1])], {}, o18)[0])).toEqual([65534]);
  });
  it('are exact on 64-bit integers, with broadcasting', () => {
    const a = tensor(UINT64, [2], [2n ** 64n - 1n, 2n ** 63n]);
    const b = tensor(UINT64, [1], [0x8000000000000001n]);
    expect(bigs(runOp('BitwiseAnd', [a, b], {}, o18)[0])).toEqual([0x8000000000000001n, 2n ** 63n]);
    expect(bigs(runOp('BitwiseOr', [a, b], {}, o18)[0])).toEqual([2n ** 64n - 1n, 0x8000000000000001n]);
    expect(bigs(runOp('BitwiseNot', [a], {}, o18)[0])).toEqual([0n, 2n ** 63n - 1n]);
    expect(bigs(runOp('BitwiseXor', [tensor(INT64, [1], [-1]), tensor(INT64, [1], [2n ** 62n])], {}, o18)[0])).toEqual([-(2n ** 62n) - 1n]);
  });
  it('infer like elementwise ops', () => {
    expect(inferOp('BitwiseAnd', [tensorType(INT32, ['N', 1]), tensorType(INT32, [3])], {}, o18).types[0]).toEqual(tensorType(INT32, ['N', 3]));
    expect(inferOp('BitwiseNot', [tensorType(INT32, ['N'])], {}, o18).types[0]).toEqual(tensorType(INT32, ['N']));
  });
});
