import { describe, it } from 'vitest';
import { expectFastMatches, oneNode, randomTensor } from './fast-helpers.js';

describe('fast LSTM', () => {
  const cases: { seq: number; batch: number; input: number; H: number; direction: string; layout: number; bias: boolean; init: boolean }[] = [
    { seq: 5, batch: 1, input: 7, H: 9, direction: 'forward', layout: 0, bias: true, init: false },
    { seq: 4, batch: 3, input: 6, H: 8, direction: 'reverse', layout: 0, bias: false, init: true },
    { seq: 6, batch: 2, input: 5, H: 13, direction: 'bidirectional', layout: 0, bias: true, init: true },
    { seq: 3, batch: 2, input: 4, H: 5, direction: 'bidirectional', layout: 1, bias: true, init: true },
    { seq: 20, batch: 1, input: 32, H: 64, direction: 'forward', layout: 0, bias: true, init: false },
    { seq: 4, batch: 1, input: 6, H: 13, direction: 'bidirectional', layout: 1, bias: true, init: true },
    { seq: 3, batch: 1, input: 5, H: 300, direction: 'reverse', layout: 0, bias: true, init: true },
  ];
  for (const c of cases) {
    it(JSON.stringify(c), () => {
      const dirs = c.direction === 'bidirectional' ? 2 : 1;
      const x = c.layout === 0 ? [c.seq, c.batch, c.input] : [c.batch, c.seq, c.input];
      const state = c.layout === 0 ? [dirs, c.batch, c.H] : [c.batch, dirs, c.H];
      const { model, feeds } = oneNode(
        'LSTM',
        [
          x,
          randomTensor([dirs, 4 * c.H, c.input], 1, -0.5, 0.5),
          randomTensor([dirs, 4 * c.H, c.H], 2, -0.5, 0.5),
          c.bias ? randomTensor([dirs, 8 * c.H], 3) : undefined,
          undefined,
          c.init ? state : undefined,
          c.init ? state : undefined,
        ],
        { direction: c.direction, hidden_size: c.H, layout: c.layout },
        14,
        3,
      );
      expectFastMatches(model, feeds, {}, { rtol: 1e-3, atol: 1e-5 });
    });
  }

  it('batch 1 with steps large enough to split across threads (one kernel call per step)', () => {
    // 2 * H * 4H flops per step reach the threshold of a split: every step is its own call.
    const H = 801;
    const { model, feeds } = oneNode(
      'LSTM',
      [[3, 1, 5], randomTensor([2, 4 * H, 5], 1, -0.1, 0.1), randomTensor([2, 4 * H, H], 2, -0.05, 0.05), randomTensor([2, 8 * H], 3)],
      { direction: 'bidirectional', hidden_size: H },
      14,
      3,
    );
    expectFastMatches(model, feeds, { threads: 2 }, { rtol: 1e-3, atol: 1e-5 });
  });
});
