import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { encodeFloats, toFloat32 } from '../../../../src/ops/helpers/convert.js';
import { MapValue, SequenceValue } from '../../../../src/ops/values.js';
import { f32, i64, inferOp, runOp, values } from '../../../helpers/ops.js';

const ml = { domain: 'ai.onnx.ml' };
const F = (shape: (number | string | null)[]) => tensorType(DataType.FLOAT, shape);

describe('ai.onnx.ml inference', () => {
  it('types classifier outputs from the labels and the model size', () => {
    const bin = inferOp('LinearClassifier', [F(['N', 3])], { coefficients: [1, 2, 3], intercepts: [0.5], classlabels_strings: ['a', 'b'] }, { ...ml, outputs: 2 });
    expect(bin.types).toEqual([tensorType(DataType.STRING, ['N']), F(['N', 2])]);
    const svm = inferOp('SVMClassifier', [F([3])], { vectors_per_class: [1, 1, 1], support_vectors: [1, 2, 3, 4, 5, 6, 7, 8, 9], coefficients: [1, 1, 1, 1, 1, 1], rho: [0, 0, 0], classlabels_ints: [1, 2, 3] }, { ...ml, outputs: 2 });
    expect(svm.types).toEqual([tensorType(DataType.INT64, [1]), F([1, 3])]);
    const zm = inferOp('ZipMap', [F(['N', 2])], { classlabels_int64s: [4, 5] }, ml);
    expect(zm.types[0]).toEqual({ kind: 'sequence', elem: { kind: 'map', keyType: DataType.INT64, value: tensorType(DataType.FLOAT, []) } });
  });
  it('keeps symbols and fails on type mismatches', () => {
    expect(inferOp('ArrayFeatureExtractor', [F(['N', 'C']), tensorType(DataType.INT64, ['K'])], {}, ml).types[0]).toEqual(F(['N', 'K']));
    expect(inferOp('OneHotEncoder', [tensorType(DataType.INT64, ['N'])], { cats_int64s: [1, 2, 3] }, ml).types[0]).toEqual(F(['N', 3]));
    const le = inferOp('LabelEncoder', [tensorType(DataType.INT64, [2])], { keys_strings: ['a'], values_int64s: [1] }, { ...ml, opset: 2 });
    expect(le.diagnostics.map((d) => d.code)).toContain('E_INFER');
    const le4 = inferOp('LabelEncoder', [tensorType(DataType.STRING, ['N'])], { keys_strings: ['a'], values_tensor: Tensor.fromData(DataType.INT16, [1], Int16Array.of(3)) }, { ...ml, opset: 4 });
    expect(le4.types[0]).toEqual(tensorType(DataType.INT16, ['N']));
    const te = inferOp('TreeEnsemble', [tensorType(DataType.DOUBLE, ['N', 2])], treeAttrs(), { ...ml, opset: 5 });
    expect(te.types[0]).toEqual(tensorType(DataType.DOUBLE, ['N', 2]));
  });
});

/** One stump: x0 <= 0 ? leaf 0 (target 0, weight 1.5) : leaf 1 (target 1, weight -2). */
function treeAttrs(weights: Tensor = f32([2], [1.5, -2])) {
  return {
    n_targets: 2,
    tree_roots: [0],
    nodes_modes: Tensor.fromData(DataType.UINT8, [1], Uint8Array.of(0)),
    nodes_featureids: [0],
    nodes_splits: f32([1], [0]),
    nodes_truenodeids: [0],
    nodes_trueleafs: [1],
    nodes_falsenodeids: [1],
    nodes_falseleafs: [1],
    leaf_targetids: [0, 1],
    leaf_weights: weights,
  };
}

describe('ai.onnx.ml kernels', () => {
  it('TreeEnsemble computes float16 inputs and returns float16, with MIN leaving untouched targets at 0', () => {
    const x = Tensor.fromData(DataType.FLOAT16, [2, 1], encodeFloats(DataType.FLOAT16, [-1, 3]));
    const [y] = runOp('TreeEnsemble', [x], { ...treeAttrs(), aggregate_function: 2 }, { ...ml, opset: 5 });
    expect((y as Tensor).dtype).toBe(DataType.FLOAT16);
    expect(Array.from(toFloat32(y as Tensor))).toEqual([1.5, 0, 0, -2]);
  });
  it('CastMap writes strings as %f, pads sparse outputs and rejects keys past max_map', () => {
    const m = new MapValue(DataType.INT64, tensorType(DataType.FLOAT, []), new Map([[2, f32([], [1.5])], [0, f32([], [-3])]]));
    const [y] = runOp('CastMap', [m], { cast_to: 'TO_STRING', map_form: 'SPARSE', max_map: 4 }, ml);
    expect((y as Tensor).dims).toEqual([1, 4]);
    expect((y as Tensor).data()).toEqual(['-3.000000', '0.f', '1.500000', '0.f']);
    expect(() => runOp('CastMap', [m], { map_form: 'SPARSE', max_map: 2 }, ml)).toThrow(/max_map/);
  });
  it('OneHotEncoder fails on an unknown category with zeros=0', () => {
    expect(() => runOp('OneHotEncoder', [i64([2], [1, 9])], { cats_int64s: [1, 2], zeros: 0 }, ml)).toThrow(/not in the list/);
  });
  it('Imputer keeps int32 and broadcasts one value', () => {
    const [y] = runOp('Imputer', [Tensor.fromData(DataType.INT32, [2, 2], Int32Array.of(0, 5, 7, 0))], { imputed_value_int64s: [-1] }, ml);
    expect((y as Tensor).dtype).toBe(DataType.INT32);
    expect(values(y!)).toEqual([-1, 5, 7, -1]);
  });
  it('LabelEncoder v4 falls back to -1 for integer values without a default tensor, and NaN keys match', () => {
    const [y] = runOp('LabelEncoder', [f32([3], [NaN, 1, 2])], { keys_floats: [NaN, 2], values_tensor: Tensor.fromData(DataType.INT32, [2], Int32Array.of(7, 8)) }, { ...ml, opset: 4 });
    expect((y as Tensor).dtype).toBe(DataType.INT32);
    expect(values(y!)).toEqual([7, -1, 8]);
  });
  it('ZipMap makes one map per row with scalar float values', () => {
    const [z] = runOp('ZipMap', [f32([2, 2], [1, 2, 3, 4])], { classlabels_strings: ['x', 'y'] }, ml);
    const maps = (z as SequenceValue).items as MapValue[];
    expect(maps.map((m) => [...m.entries].map(([k, v]) => [k, values(v)[0]]))).toEqual([
      [['x', 1], ['y', 2]],
      [['x', 3], ['y', 4]],
    ]);
    expect(() => runOp('ZipMap', [f32([1, 3], [1, 2, 3])], { classlabels_strings: ['x', 'y'] }, ml)).toThrow(/columns/);
  });
  it('the PROBIT post-transform inverts the normal CDF', () => {
    const [y] = runOp('LinearRegressor', [f32([1, 1], [1])], { coefficients: [0.975], post_transform: 'PROBIT' }, ml);
    expect(values(y!)[0]).toBeCloseTo(1.96, 2);
  });
});
