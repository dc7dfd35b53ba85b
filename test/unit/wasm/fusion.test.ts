import { describe, expect, it } from 'vitest';
import { DataType } from '../../../src/ir/dtype.js';
import { Tensor } from '../../../src/ir/tensor.js';
import type { Value } from '../../../src/ir/value.js';
import { GraphBuilder } from '../../../src/ops/builder.js';
import { expectFastMatches, randomTensor } from './fast-helpers.js';

const scalar = (v: number) => Tensor.fromData(DataType.FLOAT, [], new Float32Array([v]));

type Spell = (b: GraphBuilder, x: Value) => Value;

/** The ways exporters spell GELU with Erf. */
const SPELLINGS: Record<string, Spell> = {
  '(x * 0.5) * (1 + erf(x / sqrt2))': (b, x) => {
    const [d] = b.node('Div', [x, b.initializer('s2', scalar(Math.SQRT2))]);
    const [e] = b.node('Erf', [d!]);
    const [f] = b.node('Add', [e!, b.initializer('one', scalar(1))]);
    const [h] = b.node('Mul', [x, b.initializer('half', scalar(0.5))]);
    return b.node('Mul', [h!, f!])[0]!;
  },
  '(x * (1 + erf(x * 1/sqrt2))) * 0.5': (b, x) => {
    const [d] = b.node('Mul', [x, b.initializer('r2', scalar(Math.SQRT1_2))]);
    const [e] = b.node('Erf', [d!]);
    const [f] = b.node('Add', [b.initializer('one', scalar(1)), e!]);
    const [m] = b.node('Mul', [x, f!]);
    return b.node('Mul', [m!, b.initializer('half', scalar(0.5))])[0]!;
  },
  '((1 + erf(x / sqrt2)) * 0.5) * x': (b, x) => {
    const [d] = b.node('Div', [x, b.initializer('s2', scalar(Math.SQRT2))]);
    const [e] = b.node('Erf', [d!]);
    const [f] = b.node('Add', [e!, b.initializer('one', scalar(1))]);
    const [m] = b.node('Mul', [f!, b.initializer('half', scalar(0.5))]);
    return b.node('Mul', [m!, x])[0]!;
  },
};

describe('GELU spelled with Erf', () => {
  for (const [name, spell] of Object.entries(SPELLINGS)) {
    it(`${name} runs as one kernel, alone and after MatMul + bias`, () => {
      for (const afterMatMul of [false, true]) {
        const b = new GraphBuilder({ '': 17 });
        const x = b.input('x', DataType.FLOAT, [5, 24]);
        let h: Value = x;
        if (afterMatMul) {
          [h] = b.node('MatMul', [x, b.initializer('w', randomTensor([24, 40], 1))]) as [Value];
          [h] = b.node('Add', [h, b.initializer('bias', randomTensor([40], 2))]) as [Value];
        }
        b.output(spell(b, h));
        const model = b.build();
        const feeds = { x: randomTensor([5, 24], 3, -4, 4) };
        const s = expectFastMatches(model, feeds, {}, { rtol: 1e-3, atol: 1e-5 });
        expect(s.execution.lastRunFastNodes).toBe(model.graph.nodes.length);
      }
    });
  }

  it('Gelu-20 after MatMul is fused too', () => {
    const b = new GraphBuilder({ '': 20 });
    const x = b.input('x', DataType.FLOAT, [3, 16]);
    const [h] = b.node('MatMul', [x, b.initializer('w', randomTensor([16, 33], 1))]);
    const [g] = b.node('Gelu', [h!]);
    b.output(g!);
    expectFastMatches(b.build(), { x: randomTensor([3, 16], 2, -3, 3) }, {}, { rtol: 1e-3, atol: 1e-5 });
  });

  it('GELU in the GEMM epilogue: full tiles, single rows and edges, with a bias', () => {
    // M = 1 takes the 1x32 tile; 4-row panels with 8-column panels the 4x8 tile; the rest edges.
    for (const [M, K, N] of [[1, 7, 32], [1, 300, 67], [4, 8, 8], [8, 257, 64], [13, 31, 41], [67, 29, 13], [5, 24, 1], [2, 3, 100]] as const) {
      const b = new GraphBuilder({ '': 20 });
      const x = b.input('x', DataType.FLOAT, [M, K]);
      const [h] = b.node('MatMul', [x, b.initializer('w', randomTensor([K, N], 1, -1, 1))]);
      const [hb] = b.node('Add', [h!, b.initializer('bias', randomTensor([N], 2))]);
      const [g] = b.node('Gelu', [hb!]);
      b.output(g!);
      const model = b.build();
      const s = expectFastMatches(model, { x: randomTensor([M, K], 3, -2, 2) }, {}, { rtol: 1e-3, atol: 1e-5 });
      expect(s.execution.lastRunFastNodes).toBe(model.graph.nodes.length);
    }
  });

  it('a value read elsewhere too is not fused', () => {
    const b = new GraphBuilder({ '': 17 });
    const x = b.input('x', DataType.FLOAT, [4, 8]);
    const y = SPELLINGS['(x * 0.5) * (1 + erf(x / sqrt2))']!(b, x);
    const [z] = b.node('Add', [y, x]);
    b.output(z!);
    // The Erf output is also an output of the graph: the pattern cannot run as one kernel.
    const model = b.build();
    const erfOut = model.graph.nodes.find((n) => n.opType === 'Erf')!.outputs[0]!;
    model.graph.addOutput(erfOut);
    expectFastMatches(model, { x: randomTensor([4, 8], 5, -3, 3) });
  });
});
