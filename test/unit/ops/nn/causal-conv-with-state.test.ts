import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

describe('CausalConvWithState', () => {
  const o = { opset: 27, outputs: 2 };
  it('convolves causally and carries the last k - 1 positions', () => {
    const x = f32([1, 2, 3], [1, 2, 3, 10, 20, 30]);
    const w = f32([2, 1, 3], [1, 0, 0, 0, 0, 1]);
    // Channel 0 reads padded[t] (two steps back), channel 1 reads padded[t + 2] (the current value).
    const [y, s] = runOp('CausalConvWithState', [x, w, f32([2], [0.5, 0]), f32([1, 2, 2], [7, 8, 9, 9])], {}, o);
    expect(values(y!)).toEqual([7.5, 8.5, 1.5, 10, 20, 30]);
    expect(values(s!)).toEqual([2, 3, 20, 30]);
  });
  it('keeps state from the past when the input is shorter than k - 1, and applies silu', () => {
    const [y, s] = runOp('CausalConvWithState', [f32([1, 1, 1], [2]), f32([1, 1, 4], [1, 1, 1, 1]), undefined, f32([1, 1, 3], [1, 2, 3])], { activation: 'silu' }, o);
    expect(values(y!)[0]).toBeCloseTo(8 / (1 + Math.exp(-8)), 5);
    expect(values(s!)).toEqual([2, 3, 2]);
  });
  it('infers the present state [batch, channels, k - 1] and rejects unknown activations', () => {
    const r = inferOp('CausalConvWithState', [tensorType(DataType.FLOAT, ['B', 64, 'L']), tensorType(DataType.FLOAT, [64, 1, 4])], {}, o);
    expect(r.types).toEqual([tensorType(DataType.FLOAT, ['B', 64, 'L']), tensorType(DataType.FLOAT, ['B', 64, 3])]);
    const bad = inferOp('CausalConvWithState', [tensorType(DataType.FLOAT, ['B', 64, 'L']), tensorType(DataType.FLOAT, [64, 1, 4])], { activation: 'gelu' }, o);
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
  });
});
