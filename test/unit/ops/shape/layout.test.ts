/** Transpose, Tile, Expand, Concat, Squeeze, Unsqueeze, Flatten, DepthToSpace on other dtypes, versions and errors. */
import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32, i64, inferOp, runOp, values } from '../../../helpers/ops.js';
import { GraphBuilder } from '../../../../src/ops/builder.js';
import { inferModel } from '../../../../src/infer/infer-shapes.js';

const str = (dims: number[], data: string[]) => Tensor.fromData(DataType.STRING, dims, data);
const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);

describe('Transpose', () => {
  it('permutes strings and complex values; the default reverses the axes', () => {
    expect((runOp('Transpose', [str([2, 2], ['a', 'b', 'c', 'd'])])[0] as Tensor).data()).toEqual(['a', 'c', 'b', 'd']);
    const c = Tensor.fromData(DataType.COMPLEX64, [2, 1], Float32Array.of(1, 2, 3, 4));
    const y = runOp('Transpose', [c], { perm: [1, 0] })[0] as Tensor;
    expect(y.dims).toEqual([1, 2]);
    expect(Array.from(y.data() as Float32Array)).toEqual([1, 2, 3, 4]);
  });
  it('rejects a perm that is not a permutation', () => {
    expect(codes(inferOp('Transpose', [tensorType(DataType.FLOAT, [2, 3])], { perm: [0, 0] }))).toEqual(['E_INFER']);
    expect(inferOp('Transpose', [tensorType(DataType.FLOAT, ['N', 3, 'W'])], { perm: [2, 0, 1] }).types[0]).toEqual(tensorType(DataType.FLOAT, ['W', 'N', 3]));
  });
});

describe('Tile and Expand', () => {
  it('tiles int64; Tile-1 repeats along one axis', () => {
    const y = runOp('Tile', [i64([2], [1, 2n ** 62n]), i64([1], [2])])[0] as Tensor;
    expect(y.data()).toEqual(BigInt64Array.of(1n, 2n ** 62n, 1n, 2n ** 62n));
    const [z] = runOp('Tile', [f32([1, 2], [1, 2]), f32([], [2]), f32([], [0])], {}, { opset: 1 });
    expect((z as Tensor).dims).toEqual([2, 2]);
    expect(inferOp('Tile', [tensorType(DataType.FLOAT, ['N', 2]), i64([2], [3, 2])]).types[0]).toEqual(tensorType(DataType.FLOAT, ['3*N', 4]));
  });
  it('expands with numpy broadcasting in both directions', () => {
    const [y] = runOp('Expand', [f32([3, 1], [1, 2, 3]), i64([2], [1, 2])]);
    expect((y as Tensor).dims).toEqual([3, 2]);
    expect(values(y!)).toEqual([1, 1, 2, 2, 3, 3]);
    expect(() => runOp('Expand', [f32([3], [1, 2, 3]), i64([1], [2])])).toThrow(/cannot expand/);
    expect(inferOp('Expand', [tensorType(DataType.FLOAT, ['N', 1]), i64([3], [2, 1, 5])]).types[0]).toEqual(tensorType(DataType.FLOAT, [2, 'N', 5]));
  });
});

describe('Concat', () => {
  it('joins strings on axis 1 and infers symbolic sums', () => {
    const [y] = runOp('Concat', [str([2, 1], ['a', 'b']), str([2, 2], ['c', 'd', 'e', 'f'])], { axis: 1 });
    expect((y as Tensor).data()).toEqual(['a', 'c', 'd', 'b', 'e', 'f']);
    const r = inferOp('Concat', [tensorType(DataType.FLOAT, ['N', 'S']), tensorType(DataType.FLOAT, ['N', 3])], { axis: -1 });
    expect(r.types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 'S+3']));
    expect(codes(inferOp('Concat', [tensorType(DataType.FLOAT, [2, 3]), tensorType(DataType.FLOAT, [3, 3])], { axis: 1 }))).toEqual(['E_INFER']);
  });
  it('merges the other dims of every input, and knows no sum when an input has no shape', () => {
    const three = [tensorType(DataType.FLOAT, ['N', 2, 'A']), tensorType(DataType.FLOAT, [4, 'B', 'C']), tensorType(DataType.FLOAT, [null, 'D', 5])];
    expect(inferOp('Concat', three, { axis: 2 }).types[0]).toEqual(tensorType(DataType.FLOAT, [4, 2, 'A+C+5']));
    const unranked = [tensorType(DataType.FLOAT, ['N', 2]), tensorType(DataType.FLOAT), tensorType(DataType.FLOAT, [3, 'K'])];
    expect(inferOp('Concat', unranked, { axis: 0 }).types[0]).toEqual(tensorType(DataType.FLOAT, [null, 2]));
    expect(codes(inferOp('Concat', [tensorType(DataType.FLOAT, [2, 3]), tensorType(DataType.FLOAT, [2])], { axis: 0 }))).toEqual(['E_INFER']);
    expect(codes(inferOp('Concat', [tensorType(DataType.FLOAT, []), tensorType(DataType.FLOAT, [])], { axis: 0 }))).toEqual(['E_INFER']);
  });
  it('concatenates symbolic elements with unknown ones for the inputs that are not constant', () => {
    const b = new GraphBuilder({ '': 17 });
    const x = b.input('x', DataType.FLOAT, ['N', 'S', 8]);
    const [shape] = b.node('Shape', [x]);
    const [n] = b.node('Slice', [shape!, b.initializer('s0', i64([1], [0])), b.initializer('s1', i64([1], [1]))]);
    const runtime = b.input('r', DataType.INT64, [2]);
    const [target] = b.node('Concat', [n!, runtime, b.initializer('k', i64([1], [4]))], { axis: 0 });
    b.output(target!);
    const r = inferModel(b.build(), { apply: false });
    expect(r.symbolic.get(target!)).toEqual(['N', null, null, 4]);
    expect(r.types.get(target!)).toEqual(tensorType(DataType.INT64, [4]));
  });
});

describe('Squeeze, Unsqueeze, Flatten', () => {
  it('reads axes from attributes before opset 13 and inputs after', () => {
    const x = f32([1, 2, 1], [1, 2]);
    expect((runOp('Squeeze', [x], { axes: [0] }, { opset: 11 })[0] as Tensor).dims).toEqual([2, 1]);
    expect((runOp('Squeeze', [x])[0] as Tensor).dims).toEqual([2]);
    expect((runOp('Unsqueeze', [x], { axes: [-1, 0] }, { opset: 11 })[0] as Tensor).dims).toEqual([1, 1, 2, 1, 1]);
    expect((runOp('Unsqueeze', [x, i64([2], [1, 4])])[0] as Tensor).dims).toEqual([1, 1, 2, 1, 1]);
  });
  it('rejects squeezing a dim that is not 1; cannot know the rank without axes over symbols', () => {
    expect(codes(inferOp('Squeeze', [tensorType(DataType.FLOAT, [1, 3]), i64([1], [1])]))).toEqual(['E_INFER']);
    expect(inferOp('Squeeze', [tensorType(DataType.FLOAT, [1, 'N'])]).types[0]).toEqual(tensorType(DataType.FLOAT));
    expect(inferOp('Unsqueeze', [tensorType(DataType.FLOAT, ['N']), i64([1], [-1])]).types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 1]));
  });
  it('flattens at any axis in [-r, r], symbolically', () => {
    expect(inferOp('Flatten', [tensorType(DataType.FLOAT, ['N', 3, 'H'])], { axis: -1 }).types[0]).toEqual(tensorType(DataType.FLOAT, ['3*N', 'H']));
    expect((runOp('Flatten', [f32([2, 3], [1, 2, 3, 4, 5, 6])], { axis: 0 })[0] as Tensor).dims).toEqual([1, 6]);
    expect(codes(inferOp('Flatten', [tensorType(DataType.FLOAT, [2, 3])], { axis: 3 }))).toEqual(['E_INFER']);
  });
});

describe('DepthToSpace and SpaceToDepth', () => {
  it('are inverse rearrangements (DCR), and infer symbolic dims', () => {
    const x = f32([1, 4, 1, 2], [1, 2, 3, 4, 5, 6, 7, 8]);
    const [d] = runOp('DepthToSpace', [x], { blocksize: 2 });
    expect((d as Tensor).dims).toEqual([1, 1, 2, 4]);
    expect(values(d!)).toEqual([1, 3, 2, 4, 5, 7, 6, 8]);
    expect(values(runOp('SpaceToDepth', [d!], { blocksize: 2 })[0]!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(inferOp('DepthToSpace', [tensorType(DataType.FLOAT, ['N', 8, 'H', 3])], { blocksize: 2 }).types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 2, '2*H', 6]));
    expect(codes(inferOp('SpaceToDepth', [tensorType(DataType.FLOAT, [1, 1, 3, 4])], { blocksize: 2 }))).toEqual(['E_INFER']);
  });
});

describe('Identity and Size', () => {
  it('passes sequences through; Size counts symbolically', () => {
    expect(inferOp('Identity', [{ kind: 'sequence', elem: tensorType(DataType.FLOAT, ['N']) }]).types[0]).toEqual({ kind: 'sequence', elem: tensorType(DataType.FLOAT, ['N']) });
    expect(values(runOp('Size', [f32([2, 3], [0, 0, 0, 0, 0, 0])])[0]!)).toEqual([6]);
  });
});
