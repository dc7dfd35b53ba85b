import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { f16ToF32, f32ToF16 } from '../../../../src/ir/float-formats.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType, type TensorType } from '../../../../src/ir/types.js';
import { GraphBuilder } from '../../../../src/ops/builder.js';
import { inferModel } from '../../../../src/infer/infer-shapes.js';
import { f32, i64, inferOp, runOp, values } from '../../../helpers/ops.js';

const X = f32([2, 3], [1, -2, 3, -4, 5, -6]);
const reduce = (op: string, x: Tensor, axes: number[] | undefined, attrs: Record<string, number> = {}, opset = 18) =>
  runOp(op, [x, axes ? i64([axes.length], axes) : undefined], attrs, { opset })[0] as Tensor;

describe('Reduce* kernels', () => {
  it('compute every reduction over an axis given as input (opset 18)', () => {
    const cases: [string, number[]][] = [
      ['ReduceSum', [2, -5]],
      ['ReduceMean', [2 / 3, -5 / 3]],
      ['ReduceProd', [-6, 120]],
      ['ReduceMax', [3, 5]],
      ['ReduceMin', [-2, -6]],
      ['ReduceL1', [6, 15]],
      ['ReduceL2', [Math.sqrt(14), Math.sqrt(77)]],
      ['ReduceSumSquare', [14, 77]],
      ['ReduceLogSumExp', [Math.log(Math.exp(1) + Math.exp(-2) + Math.exp(3)), Math.log(Math.exp(-4) + Math.exp(5) + Math.exp(-6))]],
    ];
    for (const [op, want] of cases) {
      const y = reduce(op, X, [1], { keepdims: 0 });
      expect(y.dims, op).toEqual([2]);
      values(y).forEach((v, i) => expect(v, op).toBeCloseTo(want[i]!, 5));
    }
    expect(values(reduce('ReduceLogSum', f32([2], [1, 2]), [0]))).toEqual([Math.fround(Math.log(3))]);
  });

  it('reduce all axes by default and nothing with noop_with_empty_axes', () => {
    const all = reduce('ReduceSum', X, undefined);
    expect(all.dims).toEqual([1, 1]);
    expect(values(all)).toEqual([-3]);
    const none = reduce('ReduceSum', X, [], { noop_with_empty_axes: 1 });
    expect(none.dims).toEqual([2, 3]);
    expect(values(none)).toEqual(values(X));
    // The non-reducing steps still apply: SumSquare squares, L1 takes |x|.
    expect(values(reduce('ReduceSumSquare', X, undefined, { noop_with_empty_axes: 1 }))).toEqual([1, 4, 9, 16, 25, 36]);
    expect(values(reduce('ReduceL1', X, [], { noop_with_empty_axes: 1 }))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('take axes from the attribute before opset 18 (ReduceSum: 13)', () => {
    const y = runOp('ReduceMax', [X], { axes: [0], keepdims: 1 }, { opset: 13 })[0] as Tensor;
    expect(y.dims).toEqual([1, 3]);
    expect(values(y)).toEqual([1, 5, 3]);
    const s = runOp('ReduceSum', [X, i64([1], [-1])], { keepdims: 1 }, { opset: 13 })[0] as Tensor;
    expect(values(s)).toEqual([2, -5]);
    const empty = runOp('ReduceMean', [X], { axes: [] }, { opset: 11 })[0] as Tensor;
    expect(values(empty)).toEqual([-0.5]);
  });

  it('give the identity of each reduction over an empty set', () => {
    const e = f32([2, 0, 2], []);
    const want: [string, number][] = [
      ['ReduceSum', 0],
      ['ReduceProd', 1],
      ['ReduceMax', -Infinity],
      ['ReduceMin', Infinity],
      ['ReduceL1', 0],
      ['ReduceL2', 0],
      ['ReduceSumSquare', 0],
      ['ReduceLogSum', -Infinity],
      ['ReduceLogSumExp', -Infinity],
    ];
    for (const [op, v] of want) {
      const y = reduce(op, e, [1]);
      expect(y.dims, op).toEqual([2, 1, 2]);
      expect(values(y), op).toEqual([v, v, v, v]);
    }
    expect(Number.isNaN(values(reduce('ReduceMean', e, [1]))[0])).toBe(true);
    const ei = Tensor.fromData(DataType.INT32, [0, 2], new Int32Array(0));
    expect(values(reduce('ReduceMin', ei, [0]))).toEqual([2147483647, 2147483647]);
    expect(values(reduce('ReduceMax', ei, [0]))).toEqual([-2147483648, -2147483648]);
    expect(values(reduce('ReduceMax', Tensor.fromData(DataType.UINT8, [0], new Uint8Array(0)), [0]))).toEqual([0]);
  });

  it('reduce bool with max/min from opset 20', () => {
    const b = Tensor.fromData(DataType.BOOL, [2, 2], Uint8Array.of(1, 0, 0, 0));
    const mx = runOp('ReduceMax', [b, i64([1], [1])], { keepdims: 0 }, { opset: 20 })[0] as Tensor;
    expect(mx.dtype).toBe(DataType.BOOL);
    expect(values(mx)).toEqual([1, 0]);
    const mn = runOp('ReduceMin', [b, i64([1], [0])], { keepdims: 0 }, { opset: 20 })[0] as Tensor;
    expect(values(mn)).toEqual([0, 0]);
    const empty = runOp('ReduceMin', [Tensor.fromData(DataType.BOOL, [0], new Uint8Array(0))], {}, { opset: 20 })[0] as Tensor;
    expect(values(empty)).toEqual([1]);
  });

  it('keep int64 exact and wrap int32 like C', () => {
    const big = i64([3], [2n ** 60n, 1n, -3n]);
    expect(((reduce('ReduceSum', big, [0]).data()) as BigInt64Array)[0]).toBe(2n ** 60n - 2n);
    expect(((reduce('ReduceProd', i64([2], [2n ** 31n, 2n ** 31n + 1n]), [0]).data()) as BigInt64Array)[0]).toBe(2n ** 62n + 2n ** 31n);
    expect(((reduce('ReduceMean', i64([2], [-7n, 2n]), [0]).data()) as BigInt64Array)[0]).toBe(-2n);
    expect(((reduce('ReduceMax', Tensor.fromData(DataType.UINT64, [2], BigUint64Array.of(2n ** 63n, 1n)), [0]).data()) as BigUint64Array)[0]).toBe(2n ** 63n);
    const i32 = Tensor.fromData(DataType.INT32, [2], Int32Array.of(65536, 65536));
    expect(values(reduce('ReduceProd', i32, [0]))).toEqual([0]);
    expect(values(reduce('ReduceSumSquare', i32, [0]))).toEqual([0]);
  });

  it('keep ReduceLogSumExp finite for large inputs', () => {
    const y = reduce('ReduceLogSumExp', f32([2], [1000, 1000]), [0]);
    expect(values(y)[0]).toBeCloseTo(1000 + Math.log(2), 3);
  });

  it('round float16 results once', () => {
    const h = Tensor.fromData(DataType.FLOAT16, [3], Uint16Array.from([0.1, 0.2, 0.3], f32ToF16));
    const y = reduce('ReduceSum', h, [0]);
    expect(y.dtype).toBe(DataType.FLOAT16);
    const sum = [0.1, 0.2, 0.3].reduce((a, v) => a + f16ToF32(f32ToF16(v)), 0);
    expect((y.data() as Uint16Array)[0]).toBe(f32ToF16(sum));
  });

  it('reject out-of-range and repeated axes', () => {
    expect(() => reduce('ReduceSum', X, [2])).toThrow(/out of range/);
    expect(() => reduce('ReduceSum', X, [1, -1])).toThrow(/repeat/);
  });
});

describe('Reduce* inference', () => {
  const t = (shape: (number | string | null)[]) => tensorType(DataType.FLOAT, shape);
  const shape = (r: ReturnType<typeof inferOp>) => (r.types[0] as TensorType).shape;
  it('uses constant axes, attribute axes and symbolic dims', () => {
    expect(shape(inferOp('ReduceMean', [t(['B', 'S', 768]), i64([1], [-1])], {}, { opset: 18 }))).toEqual(['B', 'S', 1]);
    expect(shape(inferOp('ReduceMean', [t(['B', 'S', 768])], { axes: [1], keepdims: 0 }, { opset: 13 }))).toEqual(['B', 768]);
    expect(shape(inferOp('ReduceSum', [t(['B', 4])], { keepdims: 0 }, { opset: 13 }))).toEqual([]);
    expect(shape(inferOp('ReduceSum', [t(['B', 4])], { noop_with_empty_axes: 1 }, { opset: 13 }))).toEqual(['B', 4]);
  });
  it('keeps the rank of unknown axes with keepdims, and derives it from the number of axes', () => {
    const axes = tensorType(DataType.INT64, [1]);
    expect(shape(inferOp('ReduceMax', [t(['B', 1, 5]), axes], {}, { opset: 18 }))).toEqual([null, 1, null]);
    expect(shape(inferOp('ReduceMax', [t(['B', 1, 5]), axes], { keepdims: 0 }, { opset: 18 }))).toEqual([null, null]);
    expect(shape(inferOp('ReduceMax', [t(['B', 1, 5]), tensorType(DataType.INT64, ['n'])], { keepdims: 0 }, { opset: 18 }))).toBeUndefined();
  });
  it('reports out-of-range axes', () => {
    const r = inferOp('ReduceSum', [t([2, 3]), i64([1], [3])], {}, { opset: 13 });
    expect(r.diagnostics.map((d) => d.message).join()).toMatch(/out of range/);
  });
  it('carries symbolic element counts through ReduceProd of a Shape', () => {
    const b = new GraphBuilder({ '': 18 });
    const x = b.input('x', DataType.FLOAT, ['N', 'C', 4]);
    const [s] = b.node('Shape', [x]);
    const [p] = b.node('ReduceProd', [s!], { keepdims: 1 });
    const [r] = b.node('Reshape', [x, p!]);
    b.output(r!);
    const result = inferModel(b.build(), { apply: false });
    expect(result.symbolic.get(p!)).toEqual(['4*C*N']);
    expect((result.inferred.get(r!) as TensorType).shape).toEqual(['4*C*N']);
  });
});

describe('ArgMax / ArgMin', () => {
  const x = f32([2, 3], [1, 3, 3, 2, 2, 0]);
  it('pick the first or the last index of ties', () => {
    expect(values(runOp('ArgMax', [x], { axis: 1 })[0]!)).toEqual([1, 0]);
    expect(values(runOp('ArgMax', [x], { axis: 1, select_last_index: 1 })[0]!)).toEqual([2, 1]);
    expect(values(runOp('ArgMin', [x], { axis: -1, keepdims: 0, select_last_index: 1 })[0]!)).toEqual([0, 2]);
    const y = runOp('ArgMin', [x], { axis: 0, keepdims: 0 })[0] as Tensor;
    expect(y.dtype).toBe(DataType.INT64);
    expect(y.dims).toEqual([3]);
    expect(values(y)).toEqual([0, 1, 1]);
  });
  it('compare int64 exactly and treat NaN as the extreme', () => {
    expect(values(runOp('ArgMax', [i64([3], [2n ** 60n, 2n ** 60n + 1n, 5n])])[0]!)).toEqual([1]);
    expect(values(runOp('ArgMax', [f32([3], [1, NaN, 5])])[0]!)).toEqual([1]);
    expect(values(runOp('ArgMin', [f32([3], [1, NaN, -5])])[0]!)).toEqual([1]);
  });
  it('reject an empty axis', () => {
    expect(() => runOp('ArgMax', [f32([2, 0], [])], { axis: 1 })).toThrow(/empty/);
  });
  it('infer int64 with the axis kept or dropped', () => {
    const t = tensorType(DataType.FLOAT16, ['B', 'S', 10]);
    expect(inferOp('ArgMax', [t], { axis: -1 }).types[0]).toEqual(tensorType(DataType.INT64, ['B', 'S', 1]));
    expect(inferOp('ArgMin', [t], { axis: 1, keepdims: 0 }).types[0]).toEqual(tensorType(DataType.INT64, ['B', 10]));
  });
});
