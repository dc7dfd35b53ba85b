import { describe, expect, it } from 'vitest';
import { DataType } from '../../../src/ir/dtype.js';
import { Tensor } from '../../../src/ir/tensor.js';
import { broadcastLoop } from '../../../src/ops/fast/elementwise.js';
import { Operand } from '../../../src/runtime/wasm/params.js';
import { expectFastMatches, oneNode, randomTensor } from './fast-helpers.js';

const BROADCASTS: [number[], number[]][] = [
  [[1], [1]],
  [[7], [7]],
  [[3, 5], [3, 5]],
  [[2, 3, 4, 5], [5]],
  [[2, 3, 4, 5], [3, 1, 1]],
  [[1, 3, 4, 5], [3, 1, 1]],
  [[5], []],
  [[], [5]],
  [[4, 1], [1, 6]],
  [[3, 1, 5], [1, 4, 5]],
  [[2, 3, 4], [2, 1, 4]],
  [[13, 17], [13, 1]],
  [[1, 1, 9], [2, 3, 9]],
  [[0, 3], [3]],
];

describe('broadcastLoop', () => {
  it('reduces broadcasts to at most an outer loop around a rows x cols pass', () => {
    expect(broadcastLoop([2, 3, 4, 5], [3, 1, 1])).toMatchObject({ outer: 2, rows: 3, cols: 20, aMode: Operand.FULL, bMode: Operand.PER_ROW, aOuter: 60, bOuter: 0 });
    expect(broadcastLoop([4, 5], [5])).toMatchObject({ outer: 1, rows: 4, cols: 5, aMode: Operand.FULL, bMode: Operand.ROW });
    expect(broadcastLoop([2, 3], [3, 2])).toBeUndefined();
  });
});

describe('fast binary ops', () => {
  for (const op of ['Add', 'Sub', 'Mul', 'Div', 'Max', 'Min']) {
    it(`${op} matches the reference on every broadcast pattern`, () => {
      for (const [a, b] of BROADCASTS) {
        const { model, feeds } = oneNode(op, [a, b]);
        expectFastMatches(model, feeds);
      }
    });
  }

  it('handles a constant operand and threads on a large input', () => {
    const { model, feeds } = oneNode('Add', [[64, 128, 40], randomTensor([40], 4)]);
    expectFastMatches(model, feeds, { threads: 2 });
  });

  it('PRelu broadcasts the slope', () => {
    for (const slope of [[1], [3, 1, 1], [5]]) {
      const { model, feeds } = oneNode('PRelu', [[2, 3, 4, 5], slope]);
      expectFastMatches(model, feeds);
    }
  });

  it('Pow by 2 and by 0.5', () => {
    for (const e of [2, 0.5]) {
      const { model, feeds } = oneNode('Pow', [[3, 7], Tensor.fromData(DataType.FLOAT, [], new Float32Array([e]))]);
      const abs = Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, Tensor.fromData(t.dtype, t.dims, (t.data() as Float32Array).map(Math.abs))]));
      const s = expectFastMatches(model, abs);
      expect(s.execution.fastNodes).toBe(1);
    }
  });
});

describe('fast unary ops', () => {
  const shapes = [[1], [3], [4], [5], [7, 9], [2, 3, 17]];
  const cases: [string, Record<string, number | string>, number?][] = [
    ['Relu', {}],
    ['Sigmoid', {}],
    ['Tanh', {}],
    ['Exp', {}],
    ['Erf', {}],
    ['Neg', {}],
    ['Abs', {}],
    ['Reciprocal', {}],
    ['HardSwish', {}],
    ['LeakyRelu', { alpha: 0.1 }],
    ['Elu', { alpha: 2 }],
    ['HardSigmoid', { alpha: 0.3, beta: 0.4 }],
    ['Gelu', { approximate: 'none' }, 20],
    ['Gelu', { approximate: 'tanh' }, 20],
    ['Clip', { min: -0.5, max: 0.25 }, 6],
  ];
  for (const [op, attrs, opset] of cases) {
    it(`${op} ${JSON.stringify(attrs)} matches the reference`, () => {
      for (const dims of shapes) {
        const { model, feeds } = oneNode(op, [dims], attrs, opset ?? 17);
        // Spread the inputs over the intervals of the approximations.
        const wide = Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, Tensor.fromData(t.dtype, t.dims, (t.data() as Float32Array).map((x) => x * 8))]));
        const s = expectFastMatches(model, wide);
        expect(s.execution.fastNodes).toBe(1);
      }
    });
  }

  it('transcendental functions hold the tolerance over a dense range', () => {
    const n = 40001;
    const xs = new Float32Array(n).map((_, i) => -20 + (40 * i) / (n - 1));
    for (const [op, opset, attrs] of [['Exp', 17, {}], ['Tanh', 17, {}], ['Sigmoid', 17, {}], ['Erf', 17, {}], ['Gelu', 20, { approximate: 'none' }], ['Gelu', 20, { approximate: 'tanh' }], ['Elu', 17, {}]] as const) {
      const { model } = oneNode(op, [[n]], attrs, opset);
      expectFastMatches(model, { in0: Tensor.fromData(DataType.FLOAT, [n], xs) });
    }
  });

  it('Sqrt, and IEEE specials pass through', () => {
    const xs = new Float32Array([0, -0, 1, 4, Infinity, -Infinity, NaN, 1e-30, -1e-30, 88, 89, -87, -100]);
    for (const op of ['Sqrt', 'Exp', 'Tanh', 'Sigmoid', 'Erf', 'Relu', 'Abs', 'Neg']) {
      const { model } = oneNode(op, [[xs.length]]);
      expectFastMatches(model, { in0: Tensor.fromData(DataType.FLOAT, [xs.length], xs) });
    }
  });

  it('Clip-11 reads its bounds from inputs', () => {
    const { model, feeds } = oneNode('Clip', [[5, 7], Tensor.fromData(DataType.FLOAT, [], new Float32Array([-0.2])), undefined], {}, 13);
    expectFastMatches(model, feeds);
  });
});
