/**
 * Shape computations of exported models: Shape -> Gather/Slice -> Concat/Unsqueeze -> Reshape,
 * Expand, ConstantOfShape, Range ... must carry symbolic dims through inference.
 */
import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import type { Value } from '../../../../src/ir/value.js';
import { tensorType, type TensorType } from '../../../../src/ir/types.js';
import { GraphBuilder } from '../../../../src/ops/builder.js';
import { inferModel } from '../../../../src/infer/infer-shapes.js';
import { i64 } from '../../../helpers/ops.js';

function infer(b: GraphBuilder, outs: Value[]) {
  for (const v of outs) b.output(v);
  const r = inferModel(b.build(), { apply: false });
  return { r, type: (v: Value) => r.inferred.get(v), sym: (v: Value) => r.symbolic.get(v) };
}

describe('symbolic shape chains', () => {
  it('Shape -> Gather -> Unsqueeze -> Concat([-1]) -> Reshape gives [N, 3*H*W]', () => {
    const b = new GraphBuilder({ '': 17 });
    const x = b.input('x', DataType.FLOAT, ['N', 3, 'H', 'W']);
    const [shape] = b.node('Shape', [x]);
    const [n] = b.node('Gather', [shape, b.initializer('zero', i64([], [0]))], { axis: 0 });
    const [n1] = b.node('Unsqueeze', [n, b.initializer('axes', i64([1], [0]))]);
    const [target] = b.node('Concat', [n1, b.initializer('minus1', i64([1], [-1]))], { axis: 0 });
    const [y] = b.node('Reshape', [x, target]);
    const { r, type, sym } = infer(b, [y!]);
    expect(r.diagnostics).toEqual([]);
    expect(sym(n!)).toEqual(['N']);
    expect(type(n!)).toEqual(tensorType(DataType.INT64, []));
    expect(sym(target!)).toEqual(['N', -1]);
    expect(type(y!)).toEqual(tensorType(DataType.FLOAT, ['N', '3*H*W']));
  });

  it('Slice of a shape, Cast to int64 and Concat keep dims; ConstantOfShape and Expand use them', () => {
    const b = new GraphBuilder({ '': 17 });
    const x = b.input('x', DataType.FLOAT, ['B', 'S', 64]);
    const [shape] = b.node('Shape', [x]);
    const [bs] = b.node('Slice', [shape, b.initializer('s0', i64([1], [0])), b.initializer('e2', i64([1], [2]))]);
    const [c32] = b.node('Cast', [bs], { to: DataType.INT32 });
    const [c64] = b.node('Cast', [c32], { to: DataType.INT64 });
    const [full] = b.node('Concat', [c64, b.initializer('k', i64([1], [8]))], { axis: 0 });
    const [zeros] = b.node('ConstantOfShape', [full], { value: i64([1], [0]) });
    const [ex] = b.node('Expand', [b.initializer('one', i64([1, 1, 1], [1])), full]);
    const { r, type, sym } = infer(b, [zeros!, ex!]);
    expect(r.diagnostics).toEqual([]);
    expect(sym(c64!)).toEqual(['B', 'S']);
    expect(type(zeros!)).toEqual(tensorType(DataType.INT64, ['B', 'S', 8]));
    expect(type(ex!)).toEqual(tensorType(DataType.INT64, ['B', 'S', 8]));
  });

  it('Range over a symbolic length, Size, and Squeeze of a gathered dim', () => {
    const b = new GraphBuilder({ '': 17 });
    const x = b.input('x', DataType.FLOAT, ['N', 'T']);
    const [shape] = b.node('Shape', [x]);
    const [t1] = b.node('Slice', [shape, b.initializer('s', i64([1], [1])), b.initializer('e', i64([1], [2]))]);
    const [t] = b.node('Squeeze', [t1, b.initializer('ax', i64([1], [0]))]);
    const [range] = b.node('Range', [b.initializer('zero', i64([], [0])), t, b.initializer('one', i64([], [1]))]);
    const [size] = b.node('Size', [x]);
    const [range2] = b.node('Range', [b.initializer('z2', i64([], [0])), size, b.initializer('two', i64([], [2]))]);
    const { r, type, sym } = infer(b, [range!, range2!]);
    expect(r.diagnostics).toEqual([]);
    expect(sym(t!)).toEqual(['T']);
    expect(type(range!)).toEqual(tensorType(DataType.INT64, ['T']));
    expect(sym(size!)).toEqual(['N*T']);
    expect(type(range2!)).toEqual(tensorType(DataType.INT64, ['ceil((N*T)/2)']));
  });

  it('Slice with open ends and negative indices on symbolic dims', () => {
    const b = new GraphBuilder({ '': 17 });
    const x = b.input('x', DataType.FLOAT, ['N', 'L', 10]);
    const big = 2n ** 63n - 1n;
    const [y] = b.node('Slice', [x, b.initializer('st', i64([3], [1, 0, -3])), b.initializer('en', i64([3], [big, -1, big])), b.initializer('ax', i64([3], [0, 1, 2]))]);
    const [z] = b.node('Slice', [x, b.initializer('st2', i64([1], [-1])), b.initializer('en2', i64([1], [-big - 1n])), b.initializer('ax2', i64([1], [1])), b.initializer('sp2', i64([1], [-1]))]);
    const { type } = infer(b, [y!, z!]);
    expect(type(y!)).toEqual(tensorType(DataType.FLOAT, ['N-1', 'L-1', 3]));
    expect(type(z!)).toEqual(tensorType(DataType.FLOAT, ['N', 'L', 10]));
  });

  it('Concat with a runtime piece keeps the known dims of a Reshape target', () => {
    const b = new GraphBuilder({ '': 17 });
    const x = b.input('x', DataType.FLOAT, ['B', 'S', 768]);
    const heads = b.input('heads', DataType.INT64, [1]);
    const [shape] = b.node('Shape', [x]);
    const [bs] = b.node('Slice', [shape, b.initializer('s0', i64([1], [0])), b.initializer('e2', i64([1], [2]))]);
    const [target] = b.node('Concat', [bs, heads, b.initializer('d', i64([1], [64]))], { axis: 0 });
    const [y] = b.node('Reshape', [x, target]);
    const { sym, type } = infer(b, [y!]);
    expect(sym(target!)).toEqual(['B', 'S', null, 64]);
    const shapeOut = (type(y!) as TensorType).shape!;
    expect([shapeOut[0], shapeOut[1], shapeOut[3]]).toEqual(['B', 'S', 64]);
  });

  it('Split of a shape vector gives the parts symbolically', () => {
    const b = new GraphBuilder({ '': 18 });
    const x = b.input('x', DataType.FLOAT, ['A', 'B', 'C', 'D']);
    const [shape] = b.node('Shape', [x]);
    const [p, q] = b.node('Split', [shape, b.initializer('sp', i64([2], [1, 3]))], { axis: 0 }, { outputs: 2 });
    const [y] = b.node('Reshape', [x, b.node('Concat', [p!, b.initializer('m', i64([1], [-1]))], { axis: 0 })[0]!]);
    const { sym, type } = infer(b, [q!, y!]);
    expect(sym(p!)).toEqual(['A']);
    expect(sym(q!)).toEqual(['B', 'C', 'D']);
    expect(type(y!)).toEqual(tensorType(DataType.FLOAT, ['A', 'B*C*D']));
  });
});
