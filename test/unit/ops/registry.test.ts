import { describe, expect, it } from 'vitest';
import { defaultRegistry, ALL_OPS } from '../../../src/ops/all.js';

describe('op registry', () => {
  it('defines every operator of the spec, and every schema parses', () => {
    expect(ALL_OPS.length).toBe(227);
    expect(defaultRegistry.list().flat().length).toBeGreaterThan(600);
  });
  it('resolves the highest version <= the opset', () => {
    expect(defaultRegistry.resolve('', 'Gemm', 10)?.since).toBe(9);
    expect(defaultRegistry.resolve('', 'Gemm', 13)?.since).toBe(13);
    expect(defaultRegistry.resolve('', 'Gemm', 28)?.since).toBe(13);
    expect(defaultRegistry.resolve('ai.onnx', 'Gemm', 11)?.since).toBe(11);
    expect(defaultRegistry.resolve('', 'Gelu', 19)).toBeUndefined();
    expect(defaultRegistry.resolve('', 'NoSuchOp', 19)).toBeUndefined();
  });
  it('parses optional, variadic and literal-typed inputs', () => {
    const gemm = defaultRegistry.resolve('', 'Gemm', 13)!;
    expect([gemm.minInputs, gemm.maxInputs]).toEqual([2, 3]);
    expect(gemm.attrs.get('alpha')).toEqual({ name: 'alpha', kind: 'float', required: false, default: 1 });
    expect(gemm.types.get('T')).toContain('tensor(bfloat16)');
    const loop = defaultRegistry.resolve('', 'Loop', 16)!;
    expect([loop.minInputs, loop.maxInputs]).toEqual([2, Infinity]);
    expect(loop.inputs[2]!.homogeneous).toBe(false);
    expect(loop.types.get('V')).toContain('optional(seq(tensor(float)))');
    const reshape = defaultRegistry.resolve('', 'Reshape', 14)!;
    expect(reshape.inputs[1]!.allowed).toEqual(['tensor(int64)']);
    const concat = defaultRegistry.resolve('', 'Concat', 13)!;
    expect([concat.minInputs, concat.maxInputs]).toEqual([1, Infinity]);
  });
  it('keeps required attributes and list defaults', () => {
    const lstm = defaultRegistry.resolve('', 'LSTM', 14)!;
    expect(lstm.attrs.get('direction')?.default).toBe('forward');
    const cast = defaultRegistry.resolve('', 'Cast', 19)!;
    expect(cast.attrs.get('to')?.required).toBe(true);
  });
});
