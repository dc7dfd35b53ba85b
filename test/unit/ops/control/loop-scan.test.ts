import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../../../src/ir/types.js';
import type { Value } from '../../../../src/ir/value.js';
import { GraphBuilder } from '../../../../src/ops/builder.js';
import { inferModel } from '../../../../src/infer/infer-shapes.js';
import { Session } from '../../../../src/runtime/session.js';
import type { RtValue } from '../../../../src/ops/values.js';
import { f32, i64, values } from '../../../helpers/ops.js';

const bool = (v: boolean) => Tensor.fromData(DataType.BOOL, [], Uint8Array.of(v ? 1 : 0));
const I64 = tensorType(DataType.INT64, []);
const BOOL = tensorType(DataType.BOOL, []);

/** Builds a model around one control-flow node; `inputs` become graph inputs (Tensor values become initializers). */
function build(opset: number, op: string, inputs: (readonly [string, ValueType | Tensor] | undefined)[], body: (outer: Map<string, Value>) => GraphBuilder, attrs: Record<string, unknown>, outputs: number) {
  const b = new GraphBuilder({ '': opset });
  const outer = new Map<string, Value>();
  const ins = inputs.map((x) => {
    if (!x) return undefined;
    const v = x[1] instanceof Tensor ? b.initializer(x[0], x[1]) : b.typedInput(x[0], x[1]);
    outer.set(x[0], v);
    return v;
  });
  const outs = b.node(op, ins, { ...(attrs as object), body: body(outer).graph } as never, { outputs });
  for (const o of outs) b.output(o);
  const model = b.build();
  return {
    run(feeds: Record<string, RtValue>) {
      const r = Session.create(model).run(new Map(Object.entries(feeds)));
      return outs.map((o) => r.get(o.name)!);
    },
    infer() {
      const r = inferModel(model, { apply: false });
      return { types: outs.map((o) => r.inferred.get(o)), diagnostics: r.diagnostics };
    },
  };
}

/** Loop body: acc_out = acc_in + i (+ x from the outer scope when given); condition from `cond` (outer) or passed through. */
function sumBody(outer: Map<string, Value>, useX: boolean, condFromOuter = false): GraphBuilder {
  const g = new GraphBuilder({ '': 17 }, 'body');
  const i = g.input('i', DataType.INT64, []);
  const c = g.input('c_in', DataType.BOOL, []);
  const acc = g.input('acc_in', DataType.INT64, []);
  let [s] = g.node('Add', [acc, i]);
  if (useX) [s] = g.node('Add', [s, outer.get('x')!]);
  g.output(condFromOuter ? outer.get('stop')! : c, BOOL);
  g.output(s!, I64);
  g.output(s!, I64);
  return g;
}

describe('Loop', () => {
  it('accumulates and stacks scan outputs', () => {
    const m = build(17, 'Loop', [['M', I64], ['cond', BOOL], ['acc', I64]], (o) => sumBody(o, false), {}, 2);
    const [acc, scan] = m.run({ M: i64([], [4]), cond: bool(true), acc: i64([], [100]) });
    expect(values(acc!)).toEqual([106]);
    expect((scan as Tensor).dims).toEqual([4]);
    expect(values(scan!)).toEqual([100, 101, 103, 106]);
  });

  it('runs no iteration when cond starts false; the scan output is empty with the body rank', () => {
    const m = build(17, 'Loop', [['M', I64], ['cond', BOOL], ['acc', I64]], (o) => sumBody(o, false), {}, 2);
    const [acc, scan] = m.run({ M: i64([], [4]), cond: bool(false), acc: i64([], [5]) });
    expect(values(acc!)).toEqual([5]);
    expect((scan as Tensor).dims).toEqual([0]);
    expect((scan as Tensor).dtype).toBe(DataType.INT64);
  });

  it('reads outer values; ignores the body condition without a cond input and stops on it with one', () => {
    const b = new GraphBuilder({ '': 17 });
    const M = b.input('M', DataType.INT64, []);
    const cond = b.input('cond', DataType.BOOL, []);
    const acc = b.input('acc', DataType.INT64, []);
    const outer = new Map([
      ['stop', b.initializer('stop', bool(false))],
      ['x', b.input('x', DataType.INT64, [])],
    ]);
    const [a1, sc1] = b.node('Loop', [M, undefined, acc], { body: sumBody(outer, true, true).graph }, { outputs: 2 });
    const [a2] = b.node('Loop', [M, cond, acc], { body: sumBody(outer, false, true).graph }, { outputs: 2 });
    for (const v of [a1!, sc1!, a2!]) b.output(v);
    const feeds = new Map<string, RtValue>([['M', i64([], [3])], ['cond', bool(true)], ['acc', i64([], [0])], ['x', i64([], [10])]]);
    const r = Session.create(b.build()).run(feeds);
    expect(values(r.get(a1!.name)!)).toEqual([33]);
    expect(values(r.get(sc1!.name)!)).toEqual([10, 21, 33]);
    expect(values(r.get(a2!.name)!)).toEqual([0]);
  });

  it('infers the trip count from a constant M and relaxes a carried dim that changes', () => {
    const b = new GraphBuilder({ '': 17 });
    const M = b.initializer('M', i64([], [5]));
    const x = b.input('x', DataType.FLOAT, [2]);
    const y = b.input('y', DataType.FLOAT, [3, 'K']);
    const body = new GraphBuilder({ '': 17 }, 'body');
    body.input('i', DataType.INT64, []);
    const c = body.input('c', DataType.BOOL, []);
    body.input('x_in', DataType.FLOAT, [2]);
    body.output(c, BOOL);
    body.output(y, tensorType(DataType.FLOAT, [3, 'K']));
    body.output(y, tensorType(DataType.FLOAT, [3, 'K']));
    const [xf, scan] = b.node('Loop', [M, undefined, x], { body: body.graph }, { outputs: 2 });
    b.output(xf!);
    b.output(scan!);
    const r = inferModel(b.build(), { apply: false });
    expect(r.inferred.get(xf!)).toEqual(tensorType(DataType.FLOAT, undefined));
    expect(r.inferred.get(scan!)).toEqual(tensorType(DataType.FLOAT, [5, 3, 'K']));
  });

  it('keeps a carried dim that stays, and reports a body of the wrong arity', () => {
    const ok = build(17, 'Loop', [['M', I64], ['cond', BOOL], ['acc', I64]], (o) => sumBody(o, false), {}, 2).infer();
    expect(ok.types).toEqual([I64, tensorType(DataType.INT64, [null])]);
    const bad = build(17, 'Loop', [['M', I64], ['cond', BOOL]], (o) => sumBody(o, false), {}, 1).infer();
    expect(bad.diagnostics.map((d) => d.code)).toContain('E_INFER');
  });
});

/** Scan body passing its state and every scan element through. */
function passBody(state: Dim[], elems: Dim[][]): GraphBuilder {
  const g = new GraphBuilder({ '': 17 }, 'body');
  const s = g.input('s', DataType.FLOAT, state);
  const es = elems.map((e, i) => g.input(`e${i}`, DataType.FLOAT, e));
  g.output(s, tensorType(DataType.FLOAT, state));
  es.forEach((e, i) => g.output(e, tensorType(DataType.FLOAT, elems[i]!)));
  return g;
}

describe('Scan', () => {
  const F = (shape: Dim[]) => tensorType(DataType.FLOAT, shape);
  it('prepends along an output axis and zips inputs scanned in both directions', () => {
    const m = build(
      17,
      'Scan',
      [['s', F([1])], ['a', F([3, 2])], ['b', F([2, 3])]],
      () => passBody([1], [[2], [2]]),
      { num_scan_inputs: 2, scan_input_axes: [0, -1], scan_input_directions: [0, 1], scan_output_axes: [1, 0], scan_output_directions: [1, 0] },
      3,
    );
    const a = f32([3, 2], [1, 2, 3, 4, 5, 6]);
    const bT = f32([2, 3], [10, 20, 30, 40, 50, 60]);
    const [s, ya, yb] = m.run({ s: f32([1], [9]), a, b: bT });
    expect(values(s!)).toEqual([9]);
    // a's rows stacked along axis 1, last iteration first: columns (5,6), (3,4), (1,2).
    expect((ya as Tensor).dims).toEqual([2, 3]);
    expect(values(ya!)).toEqual([5, 3, 1, 6, 4, 2]);
    // b's columns taken from the last: (30,60), (20,50), (10,40).
    expect(values(yb!)).toEqual([30, 60, 20, 50, 10, 40]);
  });

  it('infers symbolic sequence lengths at the output axes', () => {
    const m = build(17, 'Scan', [['s', F(['B'])], ['a', F([2, 'S'])]], () => passBody(['B'], [[2]]), { num_scan_inputs: 1, scan_input_axes: [1], scan_output_axes: [-1] }, 2);
    expect(m.infer().types).toEqual([F(['B']), F([2, 'S'])]);
  });

  it('Scan-8 keeps the batch axis and pads variable lengths with zeros', () => {
    const m = build(8, 'Scan', [['lens', tensorType(DataType.INT64, [2])], ['s', F([2, 1])], ['a', F([2, 3, 2])]], () => passBody([1], [[2]]), { num_scan_inputs: 1 }, 2);
    expect(m.infer().types).toEqual([F([2, 1]), F([2, 3, 2])]);
    const [s, y] = m.run({ lens: i64([2], [1, 3]), s: f32([2, 1], [7, 8]), a: f32([2, 3, 2], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) });
    expect(values(s!)).toEqual([7, 8]);
    expect(values(y!)).toEqual([1, 2, 0, 0, 0, 0, 7, 8, 9, 10, 11, 12]);
  });

  it('rejects scan inputs of different lengths', () => {
    const m = build(17, 'Scan', [['s', F([1])], ['a', F([3, 2])], ['b', F([2, 2])]], () => passBody([1], [[2], [2]]), { num_scan_inputs: 2 }, 3);
    expect(() => m.run({ s: f32([1], [0]), a: f32([3, 2], [1, 2, 3, 4, 5, 6]), b: f32([2, 2], [1, 2, 3, 4]) })).toThrow(/sequence length/);
  });
});
