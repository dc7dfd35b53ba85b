import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32, i64, inferOp, runOp, values } from '../../../helpers/ops.js';

const training = { domain: 'ai.onnx.preview.training', opset: 1 };
const D = (shape: (number | string)[]) => tensorType(DataType.DOUBLE, shape);

describe('training operators', () => {
  it('type their outputs from the optimized tensors and their states', () => {
    const r = inferOp('Adam', [D([]), tensorType(DataType.INT64, []), D(['A']), D([3]), D(['A']), D([3]), D(['A']), D([3]), D(['A']), D([3])], {}, { ...training, outputs: 6 });
    expect(r.types).toEqual([D(['A']), D([3]), D(['A']), D([3]), D(['A']), D([3])]);
    const g = inferOp('Gradient', [D(['N']), D([2])], { xs: ['a', 'b'], y: 'c' }, { ...training, outputs: 2 });
    expect(g.types).toEqual([D(['N']), D([2])]);
    const bad = inferOp('Adagrad', [D([]), tensorType(DataType.INT64, []), D([2]), D([2])], {}, training);
    expect(bad.diagnostics.map((d) => d.code)).toContain('E_INFER');
  });
  it('Momentum: standard uses beta only after the first step; an unknown mode fails', () => {
    const args = [f32([], [0.5]), i64([], [1]), f32([1], [1]), f32([1], [2]), f32([1], [3])];
    const [x, v] = runOp('Momentum', args, { alpha: 0.5, beta: 0.25, mode: 'standard', norm_coefficient: 0 }, { ...training, outputs: 2 });
    // v = 0.5*3 + 0.25*2 = 2; x = 1 - 0.5*2 = 0.
    expect(values(v!)).toEqual([2]);
    expect(values(x!)).toEqual([0]);
    const first = runOp('Momentum', [args[0]!, i64([], [0]), ...args.slice(2)], { alpha: 0.5, beta: 0.25, mode: 'standard', norm_coefficient: 0 }, { ...training, outputs: 2 });
    expect(values(first[1]!)).toEqual([3.5]);
    expect(() => runOp('Momentum', args, { alpha: 0.5, beta: 0.25, mode: 'heavy', norm_coefficient: 0 }, { ...training, outputs: 2 })).toThrow(/mode/);
  });
  it('keeps double precision', () => {
    const d = (v: number) => Tensor.fromData(DataType.DOUBLE, [1], Float64Array.of(v));
    const [x] = runOp('Adagrad', [Tensor.fromData(DataType.DOUBLE, [], Float64Array.of(0.1)), i64([], [0]), d(1), d(1e-9), d(0)], {}, { ...training, outputs: 2 });
    expect((x as Tensor).dtype).toBe(DataType.DOUBLE);
    expect(values(x!)[0]).toBeCloseTo(0.9, 12);
  });
});
