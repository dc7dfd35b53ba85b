import { describe, expect, it } from 'vitest';
import { DataType } from '../../../src/ir/dtype.js';
import { Tensor } from '../../../src/ir/tensor.js';
import { GraphBuilder } from '../../../src/ops/builder.js';
import { excess, expectFastMatches as expectMatches, oneNode, randomTensor } from './fast-helpers.js';
import type { Model } from '../../../src/ir/model.js';
import { Session, type SessionOptions } from '../../../src/runtime/session.js';
import { mulberry32 } from '../../../src/runtime/random.js';

/**
 * Sums of up to a few hundred products accumulate in float32: near-zero sums need an atol. 3x3
 * convolutions with 16+ channels take Winograd F(4x4, 3x3) where the output is large enough,
 * whose error is about 1e-5 of the outputs' scale (up to ~30 with these unscaled weights).
 */
function expectFastMatches(model: Model, feeds: Record<string, Tensor>, opts: SessionOptions = {}, fastNodes?: number) {
  return expectMatches(model, feeds, opts, { rtol: 1e-3, atol: 1e-4 }, fastNodes ?? model.graph.nodes.length);
}

interface ConvCase {
  x: number[];
  w: number[];
  attrs?: Record<string, number | number[] | string>;
  bias?: boolean;
}

const CASES: ConvCase[] = [
  { x: [1, 3, 7, 9], w: [5, 3, 3, 3] },
  { x: [2, 4, 8, 8], w: [8, 4, 3, 3], attrs: { pads: [1, 1, 1, 1] }, bias: true },
  { x: [1, 3, 11, 13], w: [6, 3, 5, 3], attrs: { strides: [2, 3], pads: [2, 1, 1, 0] }, bias: true },
  { x: [1, 4, 9, 9], w: [4, 4, 3, 3], attrs: { dilations: [2, 2], pads: [2, 2, 2, 2] } },
  { x: [1, 16, 6, 5], w: [12, 16, 1, 1], bias: true },
  { x: [2, 8, 10, 10], w: [8, 2, 3, 3], attrs: { group: 4, pads: [1, 1, 1, 1] }, bias: true },
  { x: [1, 6, 9, 10], w: [6, 1, 3, 3], attrs: { group: 6, pads: [1, 1, 1, 1] }, bias: true },
  { x: [2, 5, 13, 17], w: [5, 1, 3, 3], attrs: { group: 5, strides: [2, 2], pads: [1, 1, 1, 1] } },
  { x: [1, 3, 9, 9], w: [3, 1, 5, 5], attrs: { group: 3, pads: [2, 2, 2, 2], dilations: [1, 2] } },
  { x: [1, 4, 8, 8], w: [6, 4, 3, 3], attrs: { auto_pad: 'SAME_UPPER', strides: [2, 2] } },
  { x: [1, 3, 20], w: [4, 3, 5], attrs: { pads: [2, 2] }, bias: true },
  { x: [1, 40, 15, 15], w: [33, 40, 3, 3], attrs: { pads: [1, 1, 1, 1] }, bias: true },
  // Output rows that 8-column panels straddle, strides 1 and 2, dilations, narrow rows.
  { x: [1, 4, 14, 14], w: [8, 4, 3, 3], attrs: { pads: [1, 1, 1, 1] } },
  { x: [1, 3, 29, 30], w: [5, 3, 3, 3], attrs: { strides: [2, 2], pads: [1, 1, 1, 1] } },
  { x: [1, 2, 12, 20], w: [3, 2, 3, 3], attrs: { dilations: [2, 2], pads: [2, 2, 2, 2] } },
  { x: [1, 2, 9, 9], w: [3, 2, 7, 7], attrs: { strides: [2, 2], pads: [3, 3, 3, 3] } },
  { x: [1, 3, 7, 7], w: [4, 3, 3, 3], attrs: { strides: [2, 2], pads: [0, 1, 2, 0] } },
  { x: [2, 3, 17, 11], w: [4, 3, 5, 5], attrs: { strides: [1, 2], pads: [2, 2, 2, 2] }, bias: true },
];

describe('fast Conv', () => {
  for (const c of CASES) {
    it(`X ${c.x} W ${c.w} ${JSON.stringify(c.attrs ?? {})}${c.bias ? ' with bias' : ''}`, () => {
      const { model, feeds } = oneNode('Conv', [c.x, randomTensor(c.w, 3), c.bias ? randomTensor([c.w[0]!], 4) : undefined], c.attrs ?? {});
      expectFastMatches(model, feeds);
    });
  }

  it('splits a large convolution across threads', () => {
    const { model, feeds } = oneNode('Conv', [[1, 32, 28, 28], randomTensor([64, 32, 3, 3], 3), randomTensor([64], 5)], { pads: [1, 1, 1, 1] });
    expectFastMatches(model, feeds, { threads: 2 });
    const dw = oneNode('Conv', [[1, 64, 56, 56], randomTensor([64, 1, 3, 3], 3)], { group: 64, pads: [1, 1, 1, 1], strides: [2, 2] });
    expectFastMatches(dw.model, dw.feeds, { threads: 2 });
  });

  it('3x3 depthwise on unpadded planes: random sizes, strides, pads, fused Clip and residual Add', () => {
    const rand = mulberry32(99);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const sizes = [1, 2, 3, 4, 5, 7, 8, 9, 11, 13, 16, 17, 23];
    for (let t = 0; t < 40; t++) {
      const [H, W, C, N] = [pick(sizes), pick(sizes), pick([1, 3, 4, 5]), pick([1, 2])];
      const [SH, SW] = [pick([1, 1, 2, 3]), pick([1, 2])];
      const pads = [pick([0, 1, 1, 2]), pick([0, 1, 1, 2]), pick([0, 1, 1, 2]), pick([0, 1, 1, 2])];
      const OH = Math.floor((H + pads[0]! + pads[2]! - 3) / SH) + 1;
      const OW = Math.floor((W + pads[1]! + pads[3]! - 3) / SW) + 1;
      if (OH < 1 || OW < 1) continue;
      // A residual Add needs the output to have the input's shape.
      const residual = OH === H && OW === W && rand() < 0.5;
      const clip = rand() < 0.5;
      const b = new GraphBuilder({ '': 17 });
      const x = b.input('x', DataType.FLOAT, [N, C, H, W]);
      const w = b.initializer('w', randomTensor([C, 1, 3, 3], 100 + t));
      const bias = rand() < 0.5 ? b.initializer('b', randomTensor([C], 200 + t)) : undefined;
      let [y] = b.node('Conv', bias ? [x, w, bias] : [x, w], { group: C, strides: [SH, SW], pads });
      if (residual) [y] = b.node('Add', [y!, x]);
      if (clip) [y] = b.node('Clip', [y!, b.initializer('lo', Tensor.scalar(DataType.FLOAT, -0.5)), b.initializer('hi', Tensor.scalar(DataType.FLOAT, 0.75))]);
      b.output(y!);
      const model: Model = b.build();
      const label = `X ${[N, C, H, W]} strides ${[SH, SW]} pads ${pads}${bias ? ' bias' : ''}${residual ? ' residual' : ''}${clip ? ' clip' : ''}`;
      try {
        expectFastMatches(model, { x: randomTensor([N, C, H, W], 300 + t) });
      } catch (e) {
        throw new Error(`${label}: ${(e as Error).message}`);
      }
    }
  });

  it('runs again at another input size, then at the first one again', () => {
    const weights: [number[], Record<string, number | number[]>][] = [
      [[16, 16, 3, 3], { pads: [1, 1, 1, 1] }],
      [[16, 1, 3, 3], { group: 16, pads: [1, 1, 1, 1], strides: [2, 2] }],
      [[8, 16, 1, 1], {}],
    ];
    for (const [w, attrs] of weights) {
      const b = new GraphBuilder({ '': 17 });
      const x = b.input('x', DataType.FLOAT, ['N', 16, 'H', 'W']);
      const [y] = b.node('Conv', [x, b.initializer('w', randomTensor(w, 5)), b.initializer('b', randomTensor([w[0]!], 6))], attrs);
      const [r] = b.node('Relu', [y!]);
      b.output(r!);
      const model: Model = b.build();
      const ref = Session.create(model, { fast: false });
      const fast = Session.create(model);
      for (const dims of [[1, 16, 12, 12], [2, 16, 7, 11], [1, 16, 12, 12]]) {
        const feeds = { x: randomTensor(dims, dims[3]!) };
        const want = (ref.run(feeds).get(r!.name) as Tensor).data() as Float32Array;
        const got = (fast.run(feeds).get(r!.name) as Tensor).data() as Float32Array;
        expect(excess(got, want, { rtol: 1e-3, atol: 1e-4 }), `W ${w} X ${dims}`).toBeLessThanOrEqual(0);
        expect(fast.execution.lastRunFastNodes).toBe(2);
      }
    }
  });

  it('fuses BatchNormalization, a residual Add and Relu', () => {
    for (const depthwise of [false, true]) {
      const b = new GraphBuilder({ '': 17 });
      const x = b.input('x', DataType.FLOAT, [2, 8, 9, 9]);
      const w = b.initializer('w', randomTensor(depthwise ? [8, 1, 3, 3] : [8, 8, 3, 3], 1));
      const [c] = b.node('Conv', [x, w], { pads: [1, 1, 1, 1], group: depthwise ? 8 : 1 });
      const bn = ['scale', 'bias', 'mean', 'var'].map((n, i) => b.initializer(n, randomTensor([8], 10 + i, i === 3 ? 0.5 : -1, i === 3 ? 2 : 1)));
      const [n] = b.node('BatchNormalization', [c, ...bn]);
      const [s] = b.node('Add', [x, n]);
      const [r] = b.node('Relu', [s]);
      b.output(r!);
      const model: Model = b.build();
      const sess = expectFastMatches(model, { x: randomTensor([2, 8, 9, 9], 7) });
      // Conv with BatchNormalization, Add and Relu fused: all four nodes ran as one.
      if (sess.execution.lastRunFastNodes !== 4) throw new Error(`expected the fused chain, got ${sess.execution.lastRunFastNodes}`);
    }
  });
});

describe('fast pooling', () => {
  const cases: [string, number[], Record<string, number | number[]>][] = [
    ['MaxPool', [1, 3, 9, 9], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }],
    ['MaxPool', [2, 2, 8, 11], { kernel_shape: [2, 2], strides: [2, 2] }],
    ['MaxPool', [1, 2, 10, 10], { kernel_shape: [3, 3], strides: [1, 1], dilations: [2, 2] }],
    ['MaxPool', [1, 2, 9, 9], { kernel_shape: [2, 2], strides: [2, 2], ceil_mode: 1 }],
    ['MaxPool', [1, 3, 20], { kernel_shape: [3], strides: [2], pads: [1, 1] }],
    ['AveragePool', [1, 3, 9, 9], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }],
    ['AveragePool', [1, 3, 9, 9], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], count_include_pad: 1 }],
    ['AveragePool', [2, 4, 7, 7], { kernel_shape: [7, 7] }],
    ['AveragePool', [1, 2, 9, 9], { kernel_shape: [3, 3], strides: [3, 3], pads: [1, 1, 1, 1], count_include_pad: 1, ceil_mode: 1 }],
    ['AveragePool', [1, 2, 10, 10], { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 }],
    ['MaxPool', [1, 2, 10, 10], { kernel_shape: [3, 3], strides: [2, 2], pads: [0, 0, 1, 1], ceil_mode: 1 }],
    ['AveragePool', [1, 2, 11, 11], { kernel_shape: [5, 5], strides: [3, 3], pads: [2, 2, 2, 2], dilations: [1, 1] }],
  ];
  for (const [op, dims, attrs] of cases) {
    it(`${op} ${dims} ${JSON.stringify(attrs)}`, () => {
      const { model, feeds } = oneNode(op, [dims], attrs);
      expectFastMatches(model, feeds);
    });
  }

  for (const op of ['GlobalAveragePool', 'GlobalMaxPool']) {
    it(op, () => {
      for (const dims of [[1, 3, 7, 7], [2, 5, 1, 9], [1, 4, 3]]) {
        const { model, feeds } = oneNode(op, [dims]);
        expectFastMatches(model, feeds);
      }
    });
  }
});

