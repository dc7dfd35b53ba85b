import { describe, it } from 'vitest';
import { DataType } from '../../../src/ir/dtype.js';
import { Tensor } from '../../../src/ir/tensor.js';
import { expectFastMatches, oneNode, randomTensor } from './fast-helpers.js';

const i64 = (xs: number[]) => Tensor.fromData(DataType.INT64, [xs.length], BigInt64Array.from(xs.map(BigInt)));

describe('fast softmax', () => {
  for (const op of ['Softmax', 'LogSoftmax']) {
    it(`${op} over the last axis (opset 13) and the coerced 2-D view (opset 11)`, () => {
      for (const dims of [[1], [5], [3, 1], [4, 7], [2, 3, 33], [2, 12, 128]]) {
        const { model, feeds } = oneNode(op, [dims], { axis: -1 }, 13);
        expectFastMatches(model, feeds);
      }
      for (const [dims, axis] of [[[2, 3, 4], 1], [[2, 3, 4], 0], [[5, 9], 1]] as const) {
        const { model, feeds } = oneNode(op, [[...dims]], { axis }, 11);
        expectFastMatches(model, feeds);
      }
    });
  }

  it('leaves an inner axis to the reference', () => {
    const { model, feeds } = oneNode('Softmax', [[2, 3, 4]], { axis: 1 }, 13);
    expectFastMatches(model, feeds, {}, undefined, 0);
  });
});

describe('fast normalization', () => {
  it('LayerNormalization with and without bias, statistics outputs, axes', () => {
    for (const [dims, axis] of [[[2, 5, 7], -1], [[3, 768], -1], [[2, 3, 4, 5], 2], [[4, 1], -1]] as const) {
      const a = axis < 0 ? axis + dims.length : axis;
      const norm = dims.slice(a);
      for (const withBias of [true, false]) {
        const { model, feeds } = oneNode(
          'LayerNormalization',
          [[...dims], randomTensor(norm, 3), withBias ? randomTensor(norm, 4) : undefined],
          { axis, epsilon: 1e-5 },
          17,
          3,
        );
        expectFastMatches(model, feeds);
      }
    }
  });

  it('BatchNormalization in inference mode', () => {
    for (const dims of [[1, 3, 4, 5], [2, 8, 7], [2, 5]]) {
      const C = dims[1]!;
      const variance = randomTensor([C], 7, 0.5, 2);
      const { model, feeds } = oneNode('BatchNormalization', [dims, randomTensor([C], 3), randomTensor([C], 4), randomTensor([C], 5), variance], { epsilon: 1e-3 }, 15);
      expectFastMatches(model, feeds);
    }
  });

  it('InstanceNormalization', () => {
    for (const dims of [[1, 3, 4, 5], [2, 4, 9]]) {
      const C = dims[1]!;
      const { model, feeds } = oneNode('InstanceNormalization', [dims, randomTensor([C], 3), randomTensor([C], 4)], { epsilon: 1e-5 });
      expectFastMatches(model, feeds);
    }
  });
});

describe('fast reductions over the last axis', () => {
  for (const op of ['ReduceMean', 'ReduceSum', 'ReduceMax', 'ReduceMin']) {
    it(`${op} with axes as attribute (13) and as input (18)`, () => {
      for (const dims of [[5], [3, 7], [2, 3, 129]]) {
        for (const keepdims of [0, 1]) {
          if (op !== 'ReduceSum') {
            const { model, feeds } = oneNode(op, [dims], { axes: [-1], keepdims }, 13);
            expectFastMatches(model, feeds);
          }
          const m18 = oneNode(op, [dims, i64([dims.length - 1])], { keepdims }, 18);
          expectFastMatches(m18.model, m18.feeds);
        }
      }
    });
  }
});
