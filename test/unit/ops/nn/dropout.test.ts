import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

const bool = (v: boolean) => Tensor.fromData(DataType.BOOL, [], Uint8Array.of(v ? 1 : 0));
const scalar = (v: number) => Tensor.fromData(DataType.FLOAT, [], Float32Array.of(v));

describe('Dropout', () => {
  const x = f32([1000], Array.from({ length: 1000 }, (_, i) => i + 1));
  it('is the identity in inference, with an all-true mask', () => {
    const [y, m] = runOp('Dropout', [x, scalar(0.9)], {}, { outputs: 2 });
    expect(values(y!)).toEqual(values(x));
    expect((m as Tensor).dtype).toBe(DataType.BOOL);
    expect(values(m!).every((v) => v === 1)).toBe(true);
  });
  it('drops about `ratio` of the elements in training and scales the rest', () => {
    const [y, m] = runOp('Dropout', [x, scalar(0.25), bool(true)], { seed: 3 }, { outputs: 2, seed: 7 });
    const mask = values(m!);
    const kept = mask.filter((v) => v === 1).length;
    expect(kept).toBeGreaterThan(650);
    expect(kept).toBeLessThan(850);
    values(y!).forEach((v, i) => expect(v).toBeCloseTo(mask[i] ? (i + 1) / 0.75 : 0, 3));
    // With a seed attribute the node's own generator decides, whatever the session's seed.
    const [again] = runOp('Dropout', [x, scalar(0.25), bool(true)], { seed: 3 }, { seed: 99 });
    expect(values(again!)).toEqual(values(y!));
  });
  it('draws like numpy RandomState(seed) when seeded, as ONNX reference data expects', () => {
    const ones = f32([8], [1, 1, 1, 1, 1, 1, 1, 1]);
    const [, m] = runOp('Dropout', [ones, scalar(0.5), bool(true)], { seed: 0 }, { outputs: 2 });
    // numpy.random.RandomState(0).random_sample(8) >= 0.5
    expect(values(m!)).toEqual([1, 1, 1, 1, 0, 1, 0, 1]);
  });
  it('keeps everything with ratio 0 and rejects ratios outside [0, 1]', () => {
    const [y] = runOp('Dropout', [x, scalar(0), bool(true)]);
    expect(values(y!)).toEqual(values(x));
    expect(() => runOp('Dropout', [x, scalar(1.5), bool(true)])).toThrow(/ratio/);
  });
  it('follows is_test in opset 6 and gives a mask of the data type before opset 10', () => {
    const [y, m] = runOp('Dropout', [f32([3], [1, 2, 3])], { is_test: 1 }, { opset: 6, outputs: 2 });
    expect(values(y!)).toEqual([1, 2, 3]);
    expect((m as Tensor).dtype).toBe(DataType.FLOAT);
    expect(values(m!)).toEqual([1, 1, 1]);
    const [t] = runOp('Dropout', [x], { ratio: 0.5 }, { opset: 6 });
    expect(values(t!).filter((v) => v === 0).length).toBeGreaterThan(400);
    const [z] = runOp('Dropout', [x], { ratio: 0.5 }, { opset: 7 });
    expect(values(z!)).toEqual(values(x));
  });
  it('infers the output and the mask', () => {
    const t = tensorType(DataType.FLOAT16, ['N', 4]);
    expect(inferOp('Dropout', [t], {}, { outputs: 2 }).types).toEqual([t, tensorType(DataType.BOOL, ['N', 4])]);
    expect(inferOp('Dropout', [t], {}, { outputs: 2, opset: 7 }).types).toEqual([t, t]);
    const bad = inferOp('Dropout', [t, Tensor.fromData(DataType.FLOAT, [], Float32Array.of(2))]);
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
  });
});
