import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

const i32 = (dims: number[], v: number[]) => Tensor.fromData(DataType.INT32, dims, Int32Array.from(v));
// input (N=3, C=2): log-probabilities.
const logp = f32([3, 2], [-1, -2, -3, -4, -5, -6]);

describe('NegativeLogLikelihoodLoss', () => {
  it('reduces with weights and int32 targets', () => {
    const t = i32([3], [1, 0, 1]);
    const w = f32([2], [1, 2]);
    expect(values(runOp('NegativeLogLikelihoodLoss', [logp, t, w], { reduction: 'none' })[0]!)).toEqual([4, 3, 12]);
    expect(values(runOp('NegativeLogLikelihoodLoss', [logp, t, w], { reduction: 'sum' })[0]!)).toEqual([19]);
    expect(values(runOp('NegativeLogLikelihoodLoss', [logp, t, w])[0]!)).toEqual([Math.fround(19 / 5)]);
  });

  it('skips ignore_index in the loss and in the mean', () => {
    const t = i32([3], [1, -1, 0]);
    expect(values(runOp('NegativeLogLikelihoodLoss', [logp, t], { ignore_index: -1 })[0]!)).toEqual([3.5]);
  });

  it('rejects a target out of range', () => {
    expect(() => runOp('NegativeLogLikelihoodLoss', [logp, i32([3], [0, 2, 0])])).toThrow(/out of range/);
  });

  it('infers a scalar, or the target shape for reduction none', () => {
    const ins = [tensorType(DataType.FLOAT, ['N', 5, 'D']), tensorType(DataType.INT64, ['N', 'D'])];
    expect(inferOp('NegativeLogLikelihoodLoss', ins).types[0]).toEqual(tensorType(DataType.FLOAT, []));
    expect(inferOp('NegativeLogLikelihoodLoss', ins, { reduction: 'none' }).types[0]).toEqual(tensorType(DataType.FLOAT, ['N', 'D']));
    const bad = inferOp('NegativeLogLikelihoodLoss', [tensorType(DataType.FLOAT, [2, 5, 3]), tensorType(DataType.INT64, [2, 4])]);
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
    expect(inferOp('NegativeLogLikelihoodLoss', ins, { reduction: 'max' }).diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
  });
});

describe('SoftmaxCrossEntropyLoss', () => {
  it('computes log_softmax over the class axis of a double input', () => {
    const scores = Tensor.fromData(DataType.DOUBLE, [2, 2], Float64Array.of(0, 0, 1, 3));
    const [loss, lp] = runOp('SoftmaxCrossEntropyLoss', [scores, i32([2], [0, 1])], { reduction: 'sum' }, { outputs: 2 });
    const l1 = -(3 - Math.log(Math.exp(1) + Math.exp(3)));
    expect(values(loss!)[0]).toBeCloseTo(Math.log(2) + l1, 12);
    expect(values(lp!)[0]).toBeCloseTo(-Math.log(2), 12);
    expect((lp as Tensor).dtype).toBe(DataType.DOUBLE);
  });

  it('infers log_prob as the scores type', () => {
    const r = inferOp('SoftmaxCrossEntropyLoss', [tensorType(DataType.FLOAT, ['N', 4]), tensorType(DataType.INT64, ['N'])], { reduction: 'none' }, { outputs: 2 });
    expect(r.types).toEqual([tensorType(DataType.FLOAT, ['N']), tensorType(DataType.FLOAT, ['N', 4])]);
  });
});
