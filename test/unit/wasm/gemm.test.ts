import { describe, expect, it } from 'vitest';
import { expectFastMatches as expectMatches, oneNode, randomTensor } from './fast-helpers.js';
import type { Model } from '../../../src/ir/model.js';
import type { Tensor } from '../../../src/ir/tensor.js';
import type { SessionOptions } from '../../../src/runtime/session.js';

/** Sums of up to 300 products accumulate in float32 (as onnxruntime does): near-zero sums need an atol. */
function expectFastMatches(model: Model, feeds: Record<string, Tensor>, opts: SessionOptions = {}) {
  return expectMatches(model, feeds, opts, { rtol: 1e-3, atol: 1e-5 });
}

describe('fast MatMul', () => {
  it('matches the reference on random shapes, B dynamic', () => {
    for (const [M, K, N] of [[1, 1, 1], [3, 5, 7], [4, 8, 8], [13, 31, 9], [67, 257, 13], [5, 300, 33], [64, 64, 64]] as const) {
      const { model, feeds } = oneNode('MatMul', [[M, K], [K, N]]);
      const s = expectFastMatches(model, feeds);
      expect(s.execution.fastNodes).toBe(1);
    }
  });

  it('packs a constant B once and matches', () => {
    for (const M of [1, 5, 64]) {
      for (const K of [1, 7, 257]) {
        for (const N of [1, 9, 31]) {
          const { model, feeds } = oneNode('MatMul', [[M, K], randomTensor([K, N], 3)]);
          expectFastMatches(model, feeds);
        }
      }
    }
  });

  it('B spanning several column blocks (N > 256), with edges and batches', () => {
    for (const [A, K, N] of [[[67], 300, 515], [[4], 7, 257], [[2, 5], 33, 300], [[1, 9], 513, 263]] as const) {
      const { model, feeds } = oneNode('MatMul', [[...A, K], randomTensor([K, N], 4)]);
      expectFastMatches(model, feeds);
    }
  });

  it('single-row products (4 panels at a time) with edges', () => {
    for (const [M, K, N] of [[1, 300, 67], [1, 5, 32], [1, 64, 1000], [5, 20, 100], [9, 257, 33]] as const) {
      expectFastMatches(oneNode('MatMul', [[M, K], randomTensor([K, N], 2)]).model, oneNode('MatMul', [[M, K], randomTensor([K, N], 2)]).feeds);
      const dyn = oneNode('MatMul', [[M, K], [K, N]]);
      expectFastMatches(dyn.model, dyn.feeds);
    }
  });

  it('broadcasts batch dims and 1-D operands', () => {
    const cases: [number[], number[]][] = [
      [[2, 3, 5, 7], [2, 3, 7, 4]],
      [[2, 1, 5, 7], [1, 3, 7, 4]],
      [[3, 5, 7], [7, 4]],
      [[7], [7, 4]],
      [[2, 5, 7], [7]],
      [[7], [7]],
      [[2, 3, 4, 5, 7], [7, 9]],
    ];
    for (const [a, b] of cases) {
      const { model, feeds } = oneNode('MatMul', [a, b]);
      expectFastMatches(model, feeds);
    }
  });

  it('splits across threads with the same result', () => {
    const { model, feeds } = oneNode('MatMul', [[130, 200], randomTensor([200, 300], 5)]);
    expectFastMatches(model, feeds, { threads: 2 });
  });
});

describe('fast Gemm', () => {
  it('covers transposes, alpha, beta and every form of C', () => {
    for (const transA of [0, 1]) {
      for (const transB of [0, 1]) {
        for (const cDims of [undefined, [1], [9], [1, 9], [5, 1], [5, 9]] as const) {
          const M = 5;
          const K = 11;
          const N = 9;
          const a = transA ? [K, M] : [M, K];
          const bDims = transB ? [N, K] : [K, N];
          for (const constB of [false, true]) {
            const { model, feeds } = oneNode('Gemm', [a, constB ? randomTensor(bDims, 9) : bDims, cDims ? [...cDims] : undefined], { transA, transB, alpha: 0.5, beta: 2 });
            expectFastMatches(model, feeds);
          }
        }
      }
    }
  });
});
