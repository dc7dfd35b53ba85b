import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import type { TensorType } from '../../../../src/ir/types.js';
import { defaultRegistry } from '../../../../src/ops/all.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

describe('random operators', () => {
  it('are nondeterministic (never folded)', () => {
    for (const op of ['RandomNormal', 'RandomUniform', 'RandomNormalLike', 'RandomUniformLike', 'Bernoulli', 'Multinomial']) {
      expect(defaultRegistry.resolve('', op, 22)?.def.traits).toContain('nondeterministic');
    }
  });

  it('RandomUniform draws in [low, high) and a seed makes it reproducible', () => {
    const attrs = { shape: [1000], low: 2, high: 5, seed: 3.5 };
    const a = values(runOp('RandomUniform', [], attrs, { seed: 1 })[0]!);
    const b = values(runOp('RandomUniform', [], attrs, { seed: 2 })[0]!);
    expect(a).toEqual(b);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...a)).toBeLessThan(5);
    expect(mean(a)).toBeCloseTo(3.5, 0);
    const c = values(runOp('RandomUniform', [], { shape: [1000] }, { seed: 1 })[0]!);
    const d = values(runOp('RandomUniform', [], { shape: [1000] }, { seed: 2 })[0]!);
    expect(c).not.toEqual(d);
  });

  it('RandomNormal has the requested mean and deviation and dtype', () => {
    const [y] = runOp('RandomNormal', [], { shape: [50, 100], mean: 10, scale: 2, dtype: DataType.DOUBLE, seed: 1 }, {});
    expect((y as Tensor).dtype).toBe(DataType.DOUBLE);
    const v = values(y!);
    const m = mean(v);
    const sd = Math.sqrt(mean(v.map((x) => (x - m) ** 2)));
    expect(m).toBeCloseTo(10, 0);
    expect(sd).toBeGreaterThan(1.8);
    expect(sd).toBeLessThan(2.2);
  });

  it('the *Like ops take the shape and (by default) the type of their input', () => {
    const x = Tensor.fromData(DataType.FLOAT16, [2, 3], new Uint16Array(6));
    const [y] = runOp('RandomNormalLike', [x], {}, { opset: 15 });
    expect((y as Tensor).dtype).toBe(DataType.FLOAT16);
    expect((y as Tensor).dims).toEqual([2, 3]);
    const [z] = runOp('RandomUniformLike', [Tensor.fromData(DataType.INT32, [4], new Int32Array(4))], { dtype: DataType.DOUBLE }, { opset: 15 });
    expect((z as Tensor).dtype).toBe(DataType.DOUBLE);
    expect(() => runOp('RandomUniformLike', [Tensor.fromData(DataType.INT32, [4], new Int32Array(4))], {}, { opset: 15 })).toThrow(/output type int32/);
  });

  it('Bernoulli gives 0 and 1 following the probabilities', () => {
    const [y] = runOp('Bernoulli', [f32([4], [0, 1, 0, 1])], { dtype: DataType.BOOL }, { opset: 15 });
    expect((y as Tensor).dtype).toBe(DataType.BOOL);
    expect(values(y!)).toEqual([0, 1, 0, 1]);
    const p = values(runOp('Bernoulli', [f32([2000], new Array(2000).fill(0.25))], { seed: 7 }, { opset: 15 })[0]!);
    expect(mean(p)).toBeGreaterThan(0.2);
    expect(mean(p)).toBeLessThan(0.3);
    expect(() => runOp('Bernoulli', [f32([1], [1.5])], {}, { opset: 15 })).toThrow(/\[0, 1\]/);
  });

  it('Multinomial samples classes by softmax of the logits', () => {
    const [y] = runOp('Multinomial', [f32([2, 3], [0, 50, 0, -50, -50, 0])], { sample_size: 5, seed: 1 }, { opset: 15 });
    expect((y as Tensor).dtype).toBe(DataType.INT32);
    expect(values(y!)).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
    const [z] = runOp('Multinomial', [f32([1, 2], [0, Math.log(3)])], { sample_size: 4000, dtype: DataType.INT64, seed: 2 }, { opset: 15 });
    expect((z as Tensor).dtype).toBe(DataType.INT64);
    expect(mean(values(z!))).toBeCloseTo(0.75, 1);
  });

  it('infers shapes and types', () => {
    expect(inferOp('RandomNormal', [], { shape: [2, 3], dtype: DataType.FLOAT16 }).types[0] as TensorType).toEqual({ kind: 'tensor', elemType: DataType.FLOAT16, shape: [2, 3] });
    const t = { kind: 'tensor' as const, elemType: DataType.FLOAT, shape: ['N', 10] };
    expect((inferOp('Multinomial', [t], { sample_size: 3, dtype: DataType.INT64 }, { opset: 15 }).types[0] as TensorType)).toEqual({ kind: 'tensor', elemType: DataType.INT64, shape: ['N', 3] });
    expect((inferOp('Bernoulli', [t], {}, { opset: 15 }).types[0] as TensorType)).toEqual(t);
  });
});
