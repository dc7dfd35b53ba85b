import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { inferModel } from '../../../../src/infer/infer-shapes.js';
import { GraphBuilder } from '../../../../src/ops/builder.js';
import { f32, i64, inferOp, runOp, values } from '../../../helpers/ops.js';

const x = f32([3, 4], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
const MAX = 2n ** 63n - 1n;
const MIN = -(2n ** 63n);

describe('Slice', () => {
  it('clamps INT64_MAX / INT64_MIN ends and steps backwards', () => {
    const [y] = runOp('Slice', [x, i64([1], [-1]), i64([1], [MIN]), i64([1], [1]), i64([1], [-2])]);
    expect(values(y!)).toEqual([3, 1, 7, 5, 11, 9]);
    const [z] = runOp('Slice', [x, i64([2], [1, 1]), i64([2], [MAX, 3])]);
    expect((z as Tensor).dims).toEqual([2, 2]);
    expect(values(z!)).toEqual([5, 6, 9, 10]);
  });
  it('clamps out-of-range starts per the step sign', () => {
    expect(values(runOp('Slice', [x, i64([1], [10]), i64([1], [0]), i64([1], [0]), i64([1], [-1])])[0]!)).toEqual([8, 9, 10, 11, 4, 5, 6, 7]);
    expect((runOp('Slice', [x, i64([1], [5]), i64([1], [9]), i64([1], [-1])])[0] as Tensor).dims).toEqual([3, 0]);
  });
  it('slices strings and int32 parameters', () => {
    const s = Tensor.fromData(DataType.STRING, [4], ['a', 'b', 'c', 'd']);
    const i32 = (v: number[]) => Tensor.fromData(DataType.INT32, [v.length], Int32Array.from(v));
    expect((runOp('Slice', [s, i32([0]), i32([4]), i32([0]), i32([2])])[0] as Tensor).data()).toEqual(['a', 'c']);
  });
  it('Slice-1 reads starts, ends and axes from attributes', () => {
    const [y] = runOp('Slice', [x], { starts: [1], ends: [1000], axes: [1] }, { opset: 1 });
    expect(values(y!)).toEqual([1, 2, 3, 5, 6, 7, 9, 10, 11]);
  });
  it('rejects a zero step and mismatched lengths', () => {
    expect(() => runOp('Slice', [x, i64([1], [0]), i64([1], [1]), i64([1], [0]), i64([1], [0])])).toThrow(/steps/);
    expect(inferOp('Slice', [tensorType(DataType.FLOAT, [3]), i64([2], [0, 0]), i64([1], [1])]).diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
  });
  it('infers only the sliced axes as unknown when starts are not constant', () => {
    const r = inferOp('Slice', [tensorType(DataType.FLOAT, ['N', 4, 5]), tensorType(DataType.INT64, [1]), tensorType(DataType.INT64, [1]), i64([1], [1])]);
    expect(r.types[0]).toEqual(tensorType(DataType.FLOAT, ['N', null, 5]));
  });
});

describe('Slice with shape values as bounds', () => {
  it('infers end - start when starts/ends come from Shape (position_ids[:, 0:seq], bias[:, :, k-q:k])', () => {
    const b = new GraphBuilder({ '': 17 });
    const ids = b.input('ids', DataType.INT64, ['B', 'S']);
    const q = b.input('q', DataType.FLOAT, ['B', 'Q', 8]);
    const k = b.input('k', DataType.FLOAT, ['B', 'K', 8]);
    const table = b.input('table', DataType.INT64, [1, 512]);
    const bias = b.input('bias', DataType.FLOAT, [1, 1, 1024, 1024]);
    const zero = b.initializer('zero', i64([1], [0]));
    const one = b.initializer('one', i64([1], [1]));
    const two = b.initializer('two', i64([1], [2]));
    const dim1 = (v: ReturnType<typeof b.input>) => b.node('Slice', [b.node('Shape', [v])[0]!, one, two])[0]!;
    const [pos] = b.node('Slice', [table, zero, dim1(ids), one]);
    const [start] = b.node('Sub', [dim1(k), dim1(q)]);
    const [mask] = b.node('Slice', [bias, start!, dim1(k), two]);
    b.output(pos!);
    b.output(mask!);
    const r = inferModel(b.build(), { apply: false });
    expect(r.inferred.get(pos!)).toEqual(tensorType(DataType.INT64, [1, 'S']));
    expect(r.inferred.get(mask!)).toEqual(tensorType(DataType.FLOAT, [1, 1, 'Q', 1024]));
  });
});
