import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { inferOp, runOp } from '../../../helpers/ops.js';
import { dtypeOf, raw, tensor } from '../../../helpers/math-tensors.js';

const { FLOAT16, BFLOAT16, DOUBLE, FLOAT, BOOL } = DataType;
const special = [1.5, NaN, Infinity, -Infinity, 0];

describe('IsInf', () => {
  it('detects both signs by default, or one with detect_*', () => {
    const x = tensor(DOUBLE, [5], special);
    expect(raw(runOp('IsInf', [x])[0])).toEqual([0, 0, 1, 1, 0]);
    expect(raw(runOp('IsInf', [x], { detect_negative: 0 })[0])).toEqual([0, 0, 1, 0, 0]);
    expect(raw(runOp('IsInf', [x], { detect_positive: 0 })[0])).toEqual([0, 0, 0, 1, 0]);
    expect(raw(runOp('IsInf', [x], { detect_positive: 0, detect_negative: 0 })[0])).toEqual([0, 0, 0, 0, 0]);
  });
  it('takes float16, bfloat16 and float8 from opset 20', () => {
    const [h] = runOp('IsInf', [tensor(FLOAT16, [5], special)], {}, { opset: 20 });
    expect(dtypeOf(h)).toBe(BOOL);
    expect(raw(h)).toEqual([0, 0, 1, 1, 0]);
    expect(raw(runOp('IsInf', [tensor(BFLOAT16, [5], special)], {}, { opset: 20 })[0])).toEqual([0, 0, 1, 1, 0]);
    // float8e5m2: 0x7c = +inf, 0xfc = -inf, 0x7f = NaN, 0x3c = 1.0.
    const e5 = Tensor.fromData(DataType.FLOAT8E5M2, [4], Uint8Array.of(0x7c, 0xfc, 0x7f, 0x3c));
    expect(raw(runOp('IsInf', [e5], { detect_negative: 0 }, { opset: 20 })[0])).toEqual([1, 0, 0, 0]);
    // float8e4m3fn has no infinity: 0x7f is NaN, 0x7e the largest finite value.
    const e4 = Tensor.fromData(DataType.FLOAT8E4M3FN, [2], Uint8Array.of(0x7f, 0x7e));
    expect(raw(runOp('IsInf', [e4], {}, { opset: 20 })[0])).toEqual([0, 0]);
  });
  it('infers a bool of the same shape', () => {
    expect(inferOp('IsInf', [tensorType(FLOAT, ['N', 2])]).types[0]).toEqual(tensorType(BOOL, ['N', 2]));
  });
});

describe('IsNaN', () => {
  it('detects NaN in every float type', () => {
    expect(raw(runOp('IsNaN', [tensor(FLOAT, [5], special)])[0])).toEqual([0, 1, 0, 0, 0]);
    expect(raw(runOp('IsNaN', [tensor(BFLOAT16, [5], special)], {}, { opset: 13 })[0])).toEqual([0, 1, 0, 0, 0]);
    const fnuz = Tensor.fromData(DataType.FLOAT8E4M3FNUZ, [3], Uint8Array.of(0x80, 0x00, 0x7f));
    expect(raw(runOp('IsNaN', [fnuz], {}, { opset: 20 })[0])).toEqual([1, 0, 0]);
  });
  it('infers a bool of the same shape', () => {
    expect(inferOp('IsNaN', [tensorType(FLOAT16, [3, 'M'])]).types[0]).toEqual(tensorType(BOOL, [3, 'M']));
  });
});
