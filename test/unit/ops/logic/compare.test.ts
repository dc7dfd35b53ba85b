import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { tensorType } from '../../../../src/ir/types.js';
import { GraphBuilder } from '../../../../src/ops/builder.js';
import { inferModel } from '../../../../src/infer/infer-shapes.js';
import { i64, inferOp, runOp } from '../../../helpers/ops.js';
import { bools, dtypeOf, raw, strings, tensor } from '../../../helpers/math-tensors.js';

const { FLOAT16, BFLOAT16, DOUBLE, FLOAT, INT8, INT32, INT64, UINT8, UINT64, BOOL } = DataType;

describe('Equal', () => {
  it('compares strings from opset 19', () => {
    const [y] = runOp('Equal', [strings([3], ['a', 'b', '']), strings([3], ['a', 'B', ''])], {}, { opset: 19 });
    expect(dtypeOf(y)).toBe(BOOL);
    expect(raw(y)).toEqual([1, 0, 1]);
    expect(raw(runOp('Equal', [strings([2], ['x', 'y']), strings([], ['y'])], {}, { opset: 19 })[0])).toEqual([0, 1]);
  });
  it('compares int64 exactly, bools, and never equates NaN', () => {
    expect(raw(runOp('Equal', [i64([2], [2n ** 62n, 2n ** 62n]), i64([2], [2n ** 62n + 1n, 2n ** 62n])])[0])).toEqual([0, 1]);
    expect(raw(runOp('Equal', [bools([3], [1, 0, 1]), bools([1], [1])])[0])).toEqual([1, 0, 1]);
    expect(raw(runOp('Equal', [tensor(FLOAT, [2], [NaN, -0]), tensor(FLOAT, [2], [NaN, 0])])[0])).toEqual([0, 1]);
    expect(raw(runOp('Equal', [tensor(BFLOAT16, [1], [1.5]), tensor(BFLOAT16, [1], [1.5])], {}, { opset: 13 })[0])).toEqual([1]);
  });
  it('broadcasts with limits before opset 7', () => {
    const [y] = runOp('Equal', [tensor(INT32, [2, 2], [1, 2, 3, 4]), tensor(INT32, [2], [1, 4])], { broadcast: 1 }, { opset: 1 });
    expect(raw(y)).toEqual([1, 0, 0, 1]);
    expect(inferOp('Equal', [tensorType(INT32, [2, 2]), tensorType(INT32, [2])], { broadcast: 1 }, { opset: 1 }).types[0]).toEqual(tensorType(BOOL, [2, 2]));
  });
});

describe('Greater, Less, GreaterOrEqual, LessOrEqual', () => {
  it('compare every numeric type', () => {
    const a = tensor(UINT64, [2], [2n ** 64n - 1n, 0]);
    const b = tensor(UINT64, [2], [2n ** 64n - 2n, 0]);
    expect(raw(runOp('Greater', [a, b])[0])).toEqual([1, 0]);
    expect(raw(runOp('LessOrEqual', [a, b])[0])).toEqual([0, 1]);
    expect(raw(runOp('Less', [tensor(INT8, [2], [-128, 5]), tensor(INT8, [1], [0])])[0])).toEqual([1, 0]);
    expect(raw(runOp('GreaterOrEqual', [tensor(UINT8, [2], [255, 3]), tensor(UINT8, [2], [255, 4])])[0])).toEqual([1, 0]);
    expect(raw(runOp('Greater', [tensor(FLOAT16, [2], [1.001, 1]), tensor(FLOAT16, [2], [1, 1])])[0])).toEqual([1, 0]);
    expect(raw(runOp('Less', [tensor(INT64, [1], [-(2n ** 63n)]), tensor(INT64, [1], [-(2n ** 63n) + 1n])])[0])).toEqual([1]);
  });
  it('are false whenever NaN is involved', () => {
    const a = tensor(DOUBLE, [1], [NaN]);
    const b = tensor(DOUBLE, [1], [1]);
    for (const op of ['Greater', 'Less', 'GreaterOrEqual', 'LessOrEqual']) {
      expect(raw(runOp(op, [a, b])[0])).toEqual([0]);
      expect(raw(runOp(op, [b, a])[0])).toEqual([0]);
    }
  });
  it('broadcast with limits before opset 7', () => {
    const a = tensor(FLOAT, [2, 3], [1, 2, 3, 4, 5, 6]);
    const [y] = runOp('Less', [a, tensor(FLOAT, [2], [2, 5])], { broadcast: 1, axis: 0 }, { opset: 1 });
    expect(raw(y)).toEqual([1, 0, 0, 1, 0, 0]);
  });
  it('infer bool outputs with broadcast shapes and check input types', () => {
    expect(inferOp('Greater', [tensorType(FLOAT, ['N', 1]), tensorType(FLOAT, [5])]).types[0]).toEqual(tensorType(BOOL, ['N', 5]));
    expect(inferOp('LessOrEqual', [tensorType(FLOAT, [1]), tensorType(INT64, [1])]).diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
  });
});

describe('symbolic shape values', () => {
  it('Equal decides a symbolic dim against a negative constant, and Where selects dims', () => {
    // Expand-style shape fix-up: where(shape == -1, 1, shape) over Shape(x) = [N, 3].
    const b = new GraphBuilder({ '': 17 });
    const x = b.input('x', FLOAT, ['N', 3]);
    const [s] = b.node('Shape', [x]);
    const [eq] = b.node('Equal', [s, b.initializer('m1', i64([1], [-1]))]);
    const [w] = b.node('Where', [eq, b.initializer('ones', i64([2], [1, 1])), s]);
    const [y] = b.node('Reshape', [x, w!]);
    b.output(y!);
    const r = inferModel(b.build(), { apply: false });
    expect(r.symbolic.get(eq!)).toEqual([0, 0]);
    expect(r.symbolic.get(w!)).toEqual(['N', 3]);
    expect(r.inferred.get(y!)).toEqual(tensorType(FLOAT, ['N', 3]));
  });
});
