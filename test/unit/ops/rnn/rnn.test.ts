import { describe, expect, it } from 'vitest';
import { AttrReader } from '../../../../src/ops/attr-reader.js';
import { DataType } from '../../../../src/ir/dtype.js';
import { Node } from '../../../../src/ir/node.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { defaultRegistry } from '../../../../src/ops/all.js';
import { encodeFloats, toFloat32 } from '../../../../src/ops/helpers/convert.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

const F = (shape: (number | string | null)[]) => tensorType(DataType.FLOAT, shape);

describe('RNN/GRU/LSTM inference', () => {
  it('keeps symbolic batch and sequence dims in both layouts', () => {
    const r = inferOp('LSTM', [F(['S', 'N', 4]), F([2, 12, 4]), F([2, 12, 3])], { direction: 'bidirectional' }, { outputs: 3 });
    expect(r.types).toEqual([F(['S', 2, 'N', 3]), F([2, 'N', 3]), F([2, 'N', 3])]);
    const g = inferOp('GRU', [F(['N', 'S', 4]), F([1, 9, 4]), F([1, 9, 3])], { hidden_size: 3, layout: 1 }, { outputs: 2, opset: 14 });
    expect(g.types).toEqual([F(['N', 'S', 1, 3]), F(['N', 1, 3])]);
  });
  it('reports weights that do not fit', () => {
    const r = inferOp('RNN', [F([5, 2, 4]), F([1, 3, 5]), F([1, 3, 3])], { hidden_size: 3 }, { outputs: 2 });
    expect(r.diagnostics.map((d) => d.code)).toContain('E_INFER');
    const d = inferOp('GRU', [F([5, 2, 4]), F([2, 9, 4]), F([2, 9, 3])], { hidden_size: 3 }, { outputs: 2 });
    expect(d.diagnostics.map((x) => x.message).join()).toMatch(/directions/);
  });
});

describe('RNN/GRU/LSTM kernels', () => {
  // One step, one unit: pre-activation = x*w + h0*r + wb + rb = 2*0.5 + 1*1 + 0.1 + 0.2 = 2.3.
  const X = f32([1, 1, 1], [2]);
  const W = f32([1, 1, 1], [0.5]);
  const R = f32([1, 1, 1], [1]);
  const B = f32([1, 2], [0.1, 0.2]);
  const H0 = f32([1, 1, 1], [1]);
  const run = (activations: string[], extra: Record<string, number[]> = {}) =>
    values(runOp('RNN', [X, W, R, B, undefined, H0], { hidden_size: 1, activations, ...extra }, { outputs: 2 })[1]!)[0]!;
  it('applies the optional activations with their alpha/beta defaults and overrides', () => {
    expect(run(['ThresholdedRelu'])).toBeCloseTo(2.3, 5);
    expect(run(['ThresholdedRelu'], { activation_alpha: [2.5] })).toBe(0);
    expect(run(['Softplus'])).toBeCloseTo(Math.log1p(Math.exp(2.3)), 5);
    expect(run(['HardSigmoid'])).toBeCloseTo(0.2 * 2.3 + 0.5, 5);
    expect(run(['Affine'], { activation_alpha: [2], activation_beta: [-1] })).toBeCloseTo(3.6, 5);
    expect(run(['scaledtanh'], { activation_alpha: [2], activation_beta: [0.5] })).toBeCloseTo(2 * Math.tanh(1.15), 5);
    expect(() => run(['Swish'])).toThrow(/unknown activation/);
  });
  it('clips the pre-activation', () => {
    expect(values(runOp('RNN', [X, W, R, B, undefined, H0], { hidden_size: 1, clip: 1.5, activations: ['Relu'] }, { outputs: 2 })[1]!)[0]).toBeCloseTo(1.5, 6);
  });
  it('returns the state of the last valid step and zeros past sequence_lens', () => {
    const x = f32([3, 2, 1], [1, 1, 1, 1, 1, 1]);
    const lens = Tensor.fromData(DataType.INT32, [2], Int32Array.of(1, 3));
    const [y, yh] = runOp('RNN', [x, W, R, undefined, lens], { hidden_size: 1, activations: ['Relu'] }, { outputs: 2 });
    // Batch 0 runs one step (h = 0.5); batch 1 runs three (0.5, 1, 1.5).
    expect(values(y!)).toEqual([0.5, 0.5, 0, 1, 0, 1.5]);
    expect(values(yh!)).toEqual([0.5, 1.5]);
  });
  it('computes float16 like float32 on the same values, rounded once', () => {
    const h16 = (dims: number[], v: number[]) => Tensor.fromData(DataType.FLOAT16, dims, encodeFloats(DataType.FLOAT16, v));
    const as32 = (t: Tensor) => Tensor.fromData(DataType.FLOAT, t.dims, Float32Array.from(toFloat32(t)));
    const x = h16([2, 1, 3], [0.5, -0.25, 1, 0.75, 0.125, -1]);
    const w = h16([1, 6, 3], Array.from({ length: 18 }, (_, i) => Math.sin(i) * 0.5));
    const r = h16([1, 6, 2], Array.from({ length: 12 }, (_, i) => Math.cos(i) * 0.5));
    const [y16] = runOp('GRU', [x, w, r], { hidden_size: 2 }, { outputs: 1 });
    const [y32] = runOp('GRU', [as32(x), as32(w), as32(r)], { hidden_size: 2 }, { outputs: 1 });
    expect((y16 as Tensor).dtype).toBe(DataType.FLOAT16);
    const expected = encodeFloats(DataType.FLOAT16, toFloat32(y32 as Tensor));
    expect(Array.from((y16 as Tensor).data() as Uint16Array)).toEqual(Array.from(expected as Uint16Array));
  });
});

describe('RNN FLOPs', () => {
  it('counts 2 · seq · batch · directions · gates · hidden · (input + hidden)', () => {
    const schema = defaultRegistry.resolve('', 'LSTM', 14)!;
    const node = new Node({ opType: 'LSTM', inputs: [], outputs: 1, attributes: { direction: 'bidirectional' } });
    const shapes: Record<number, number[]> = { 0: [7, 3, 5], 2: [2, 16, 4] };
    const flops = schema.def.flops!({ node, attr: new AttrReader(node, schema), inputShape: (i) => shapes[i], outputShape: () => undefined });
    expect(flops).toBe(2 * 7 * 3 * 2 * 4 * 4 * (5 + 4));
  });
});
