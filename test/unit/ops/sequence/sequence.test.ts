import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType, type ValueType } from '../../../../src/ir/types.js';
import { GraphBuilder } from '../../../../src/ops/builder.js';
import { inferModel } from '../../../../src/infer/infer-shapes.js';
import { Session } from '../../../../src/runtime/session.js';
import { OptionalValue, SequenceValue, type RtValue } from '../../../../src/ops/values.js';
import { f32, i64, inferOp, runOp, values } from '../../../helpers/ops.js';

const seqOf = (...items: Tensor[]) => new SequenceValue({ kind: 'tensor', elemType: items[0]!.dtype }, items);
const strs = (dims: number[], v: string[]) => Tensor.fromData(DataType.STRING, dims, v);
const i32 = (v: number) => Tensor.fromData(DataType.INT32, [], Int32Array.of(v));
const seqT = (elem: ValueType): ValueType => ({ kind: 'sequence', elem });

describe('sequence kernels', () => {
  it('inserts at a negative position and reads back with SequenceAt', () => {
    const s = seqOf(i64([1], [1]), i64([1], [2]));
    const [out] = runOp('SequenceInsert', [s, i64([2], [7n, 2n ** 60n]), i32(-1)]);
    const items = (out as SequenceValue).items;
    expect(items.map((t) => values(t))).toEqual([[1], [7, 2 ** 60], [2]]);
    expect(((items[1] as Tensor).data() as BigInt64Array)[1]).toBe(2n ** 60n);
    const [at] = runOp('SequenceAt', [out!, i64([], [-3])]);
    expect(values(at!)).toEqual([1]);
  });

  it('keeps strings, erases the last element by default and counts', () => {
    const s = seqOf(strs([1], ['a']), strs([2], ['b', 'c']));
    const [erased] = runOp('SequenceErase', [s]);
    expect(((erased as SequenceValue).items[0] as Tensor).data()).toEqual(['a']);
    const [n] = runOp('SequenceLength', [erased!]);
    expect((n as Tensor).dims).toEqual([]);
    expect(values(n!)).toEqual([1]);
  });

  it('rejects positions out of range and inserting another element type', () => {
    const s = seqOf(f32([1], [1]));
    expect(() => runOp('SequenceAt', [s, i64([], [1])])).toThrow(/out of range/);
    expect(() => runOp('SequenceErase', [s, i64([], [-2])])).toThrow(/out of range/);
    expect(() => runOp('SequenceInsert', [s, i64([1], [1])])).toThrow(/cannot insert/);
    expect(() => runOp('SequenceErase', [new SequenceValue(tensorType(DataType.FLOAT), [])])).toThrow(/empty/);
  });

  it('makes an empty sequence of the requested type', () => {
    const [s] = runOp('SequenceEmpty', [], { dtype: DataType.INT32 });
    expect((s as SequenceValue).items).toEqual([]);
    expect((s as SequenceValue).elemType).toEqual(tensorType(DataType.INT32));
  });

  it('splits with keepdims=0, a scalar split and a list of sizes', () => {
    const x = f32([3, 2], [1, 2, 3, 4, 5, 6]);
    const [a] = runOp('SplitToSequence', [x], { axis: 1, keepdims: 0 });
    expect((a as SequenceValue).items.map((t) => [(t as Tensor).dims, values(t)])).toEqual([
      [[3], [1, 3, 5]],
      [[3], [2, 4, 6]],
    ]);
    const [b] = runOp('SplitToSequence', [x, i64([], [2])]);
    expect((b as SequenceValue).items.map((t) => (t as Tensor).dims)).toEqual([[2, 2], [1, 2]]);
    const [c] = runOp('SplitToSequence', [x, Tensor.fromData(DataType.INT32, [2], Int32Array.of(1, 2))]);
    expect((c as SequenceValue).items.map((t) => values(t))).toEqual([[1, 2], [3, 4, 5, 6]]);
    expect(() => runOp('SplitToSequence', [x, i64([2], [1, 1])])).toThrow(/sum to 2/);
  });

  it('concatenates and stacks, checking the element shapes', () => {
    const s = seqOf(f32([1, 2], [1, 2]), f32([2, 2], [3, 4, 5, 6]));
    const [c] = runOp('ConcatFromSequence', [s], { axis: 0 });
    expect((c as Tensor).dims).toEqual([3, 2]);
    expect(values(c!)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(() => runOp('ConcatFromSequence', [s], { axis: 0, new_axis: 1 })).toThrow(/does not fit/);
    const t = seqOf(f32([2], [1, 2]), f32([2], [3, 4]));
    const [st] = runOp('ConcatFromSequence', [t], { axis: -1, new_axis: 1 });
    expect((st as Tensor).dims).toEqual([2, 2]);
    expect(values(st!)).toEqual([1, 3, 2, 4]);
  });
});

describe('optional kernels', () => {
  const empty = new OptionalValue(tensorType(DataType.FLOAT), undefined);
  it('wraps, tests and unwraps', () => {
    const [o] = runOp('Optional', [f32([1], [5])], {}, { opset: 18 });
    expect((o as OptionalValue).value).toBeInstanceOf(Tensor);
    const [has] = runOp('OptionalHasElement', [o!], {}, { opset: 18 });
    expect(values(has!)).toEqual([1]);
    const [none] = runOp('OptionalHasElement', [empty], {}, { opset: 18 });
    expect(values(none!)).toEqual([0]);
    expect(() => runOp('OptionalGetElement', [empty], {}, { opset: 18 })).toThrow(/empty/);
  });
  it('lets a plain tensor through from opset 18 but not at 15', () => {
    const [t] = runOp('OptionalGetElement', [f32([1], [3])], {}, { opset: 18 });
    expect(values(t!)).toEqual([3]);
    expect(() => runOp('OptionalGetElement', [f32([1], [3])], {}, { opset: 15 })).toThrow(/optional/);
    const [has] = runOp('OptionalHasElement', [f32([1], [3])], {}, { opset: 18 });
    expect(values(has!)).toEqual([1]);
  });
  it('reports an omitted input as empty (opset 18)', () => {
    const b = new GraphBuilder({ '': 18 });
    const [out] = b.node('OptionalHasElement', [undefined]);
    b.output(out!);
    const r = Session.create(b.build()).run(new Map());
    expect(values(r.get(out!.name)!)).toEqual([0]);
  });
});

describe('sequence inference', () => {
  it('merges the element shapes of SequenceConstruct, keeping shared symbols', () => {
    const a = tensorType(DataType.FLOAT, ['N', 3]);
    expect(inferOp('SequenceConstruct', [a, a]).types[0]).toEqual(seqT(a));
    const r = inferOp('SequenceConstruct', [a, tensorType(DataType.FLOAT, ['M', 3])]);
    expect(r.types[0]).toEqual(seqT(tensorType(DataType.FLOAT, [null, 3])));
    const bad = inferOp('SequenceConstruct', [a, tensorType(DataType.INT64, ['N', 3])]);
    expect(bad.diagnostics.map((d) => d.code)).toContain('E_INFER');
  });

  it('learns the element shape when inserting into an empty sequence, not into an unknown one', () => {
    const b = new GraphBuilder({ '': 17 });
    const x = b.input('x', DataType.FLOAT, ['N', 4]);
    const [e] = b.node('SequenceEmpty', []);
    const [s1] = b.node('SequenceInsert', [e, x]);
    const unknown = b.typedInput('u', { kind: 'sequence', elem: tensorType(DataType.FLOAT) });
    const [s2] = b.node('SequenceInsert', [unknown, x]);
    const [n] = b.node('SequenceLength', [s1]);
    const [c] = b.node('ConcatFromSequence', [s1], { axis: 0, new_axis: 1 });
    for (const v of [s1, s2, n, c]) b.output(v!);
    const r = inferModel(b.build(), { apply: false });
    expect(r.inferred.get(s1!)).toEqual(seqT(tensorType(DataType.FLOAT, ['N', 4])));
    expect(r.inferred.get(s2!)).toEqual(seqT(tensorType(DataType.FLOAT)));
    expect(r.symbolic.get(n!)).toEqual([1]);
    expect(r.inferred.get(c!)).toEqual(tensorType(DataType.FLOAT, [1, 'N', 4]));
  });

  it('infers SplitToSequence parts from constant splits', () => {
    const x = tensorType(DataType.FLOAT, [6, 'C']);
    expect(inferOp('SplitToSequence', [x, i64([], [3])]).types[0]).toEqual(seqT(tensorType(DataType.FLOAT, [3, 'C'])));
    expect(inferOp('SplitToSequence', [x, i64([], [4])]).types[0]).toEqual(seqT(tensorType(DataType.FLOAT, [null, 'C'])));
    expect(inferOp('SplitToSequence', [x], { axis: 1, keepdims: 0 }).types[0]).toEqual(seqT(tensorType(DataType.FLOAT, [6])));
    expect(inferOp('SplitToSequence', [x, i64([2], [2, 2])]).diagnostics.map((d) => d.code)).toContain('E_INFER');
  });

  it('types optionals', () => {
    const t = tensorType(DataType.INT64, [2]);
    expect(inferOp('Optional', [t], {}, { opset: 18 }).types[0]).toEqual({ kind: 'optional', elem: t });
    expect(inferOp('OptionalGetElement', [{ kind: 'optional', elem: t }], {}, { opset: 18 }).types[0]).toEqual(t);
    expect(inferOp('OptionalHasElement', [t], {}, { opset: 18 }).types[0]).toEqual(tensorType(DataType.BOOL, []));
    expect(inferOp('OptionalHasElement', [t], {}, { opset: 15 }).diagnostics.map((d) => d.code)).toContain('E_INFER');
  });
});

describe('SequenceMap', () => {
  function model(): { run: (s: RtValue, extra: RtValue) => RtValue[]; types: (ValueType | undefined)[] } {
    const body = new GraphBuilder({ '': 17 }, 'body');
    const x = body.input('x', DataType.FLOAT, ['L']);
    const y = body.input('y', DataType.FLOAT, [1]);
    const [sum] = body.node('Add', [x, y]);
    const [shape] = body.node('Shape', [x]);
    body.output(sum!, tensorType(DataType.FLOAT, ['L']));
    body.output(shape!, tensorType(DataType.INT64, [1]));
    const b = new GraphBuilder({ '': 17 });
    const s = b.typedInput('s', seqT(tensorType(DataType.FLOAT, [null])));
    const e = b.input('e', DataType.FLOAT, [1]);
    const outs = b.node('SequenceMap', [s, e], { body: body.graph }, { outputs: 2 });
    for (const o of outs) b.output(o);
    const m = b.build();
    const r = inferModel(m, { apply: false });
    return {
      run: (sv, ev) => {
        const res = Session.create(m).run(new Map([['s', sv], ['e', ev]]));
        return outs.map((o) => res.get(o.name)!);
      },
      types: outs.map((o) => r.inferred.get(o)),
    };
  }
  it('runs the body per element with a tensor passed whole', () => {
    const m = model();
    const [sums, shapes] = m.run(seqOf(f32([2], [1, 2]), f32([3], [3, 4, 5])), f32([1], [10]));
    expect((sums as SequenceValue).items.map((t) => values(t))).toEqual([[11, 12], [13, 14, 15]]);
    expect((shapes as SequenceValue).items.map((t) => values(t))).toEqual([[2], [3]]);
    expect(m.types[1]).toEqual(seqT(tensorType(DataType.INT64, [1])));
  });
  it('gives empty sequences of the body output types for an empty input', () => {
    const [sums] = model().run(new SequenceValue(tensorType(DataType.FLOAT), []), f32([1], [1]));
    expect((sums as SequenceValue).items).toEqual([]);
    expect((sums as SequenceValue).elemType).toEqual(tensorType(DataType.FLOAT));
  });
});
