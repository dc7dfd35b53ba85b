import { describe, it } from 'vitest';
import { expectFastMatches, oneNode } from './fast-helpers.js';

describe('fast Transpose', () => {
  const cases: [number[], number[] | undefined][] = [
    [[3, 5], undefined],
    [[4, 8], [1, 0]],
    [[1, 7, 3, 5], [0, 2, 1, 3]],
    [[2, 12, 9, 16], [0, 2, 3, 1]],
    [[2, 3, 4, 5], [3, 2, 1, 0]],
    [[2, 3, 4, 5, 6], [0, 3, 1, 4, 2]],
    [[6, 1, 5], [2, 1, 0]],
    [[13, 17], [1, 0]],
    [[0, 3], [1, 0]],
    [[5], [0]],
    [[2, 3, 2, 3, 2, 3, 2], [6, 5, 4, 3, 2, 1, 0]],
  ];
  for (const [dims, perm] of cases) {
    it(`${dims} perm ${perm ?? 'reversed'}`, () => {
      const { model, feeds } = oneNode('Transpose', [dims], perm ? { perm } : {});
      const sevenDims = dims.filter((d) => d !== 1).length > 6;
      expectFastMatches(model, feeds, {}, { rtol: 0, atol: 0 }, sevenDims ? 0 : 1);
    });
  }
});
